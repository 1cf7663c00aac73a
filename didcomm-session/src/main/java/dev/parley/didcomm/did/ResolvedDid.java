package dev.parley.didcomm.did;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a resolved DID document that DIDComm uses, with key references already dereferenced.
 * Immutable and safe to cache.
 *
 * @param did the DID
 * @param authentication keys authorized to sign for the DID, in document order
 * @param keyAgreement keys to encrypt to or from the DID, in document order
 * @param services DIDCommMessaging services, in document order
 */
public record ResolvedDid(String did, List<VerificationKey> authentication, List<VerificationKey> keyAgreement,
        List<DidCommService> services) {

    public ResolvedDid {
        Objects.requireNonNull(did, "did");
        authentication = List.copyOf(authentication);
        keyAgreement = List.copyOf(keyAgreement);
        services = services == null ? List.of() : List.copyOf(services);
        for (VerificationKey k : authentication) {
            requireOwn(did, k);
        }
        for (VerificationKey k : keyAgreement) {
            requireOwn(did, k);
        }
    }

    private static void requireOwn(String did, VerificationKey k) {
        if (!k.did().equals(did)) {
            throw new IllegalArgumentException("key " + k.id() + " is not a key of " + did);
        }
    }

    /** The authentication key with this id (or alias). */
    public Optional<VerificationKey> authenticationKey(String kid) {
        return authentication.stream().filter(k -> k.isNamed(kid)).findFirst();
    }

    /** The keyAgreement key with this id (or alias). */
    public Optional<VerificationKey> keyAgreementKey(String kid) {
        return keyAgreement.stream().filter(k -> k.isNamed(kid)).findFirst();
    }
}
