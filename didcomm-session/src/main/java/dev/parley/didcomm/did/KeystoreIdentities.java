package dev.parley.didcomm.did;

import dev.parley.did.DidException;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.StoredKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a did-core keystore {@link Identity} into the {@link LocalIdentity} the packer and unpacker use.
 * For did:key Ed25519 identities the X25519 keyAgreement key that did:key derives is included, named
 * by the id its DID document gives it.
 */
public final class KeystoreIdentities {

    private KeystoreIdentities() {
    }

    /**
     * @param resolver resolves the identity's own DID, to name derived keyAgreement keys
     * @throws DidResolutionException when the identity's DID does not resolve or its keys cannot be exported
     */
    public static LocalIdentity toLocalIdentity(Identity identity, DidResolver resolver) throws DidResolutionException {
        String did = identity.did().toString();
        List<PrivateKeyJwk> keys = new ArrayList<>();
        for (StoredKey k : identity.keys()) {
            keys.add(new PrivateKeyJwk(absolute(did, k.id()), DidCoreResolver.toNimbus(k.key().exportJwk())));
        }
        ResolvedDid doc = resolver.resolve(did);
        for (VerificationKey ka : doc.keyAgreement()) {
            if (keys.stream().anyMatch(p -> p.kid().equals(ka.id()))) {
                continue;
            }
            for (StoredKey k : identity.keys()) {
                if (k.key().type() != KeyType.ED25519) {
                    continue;
                }
                try {
                    PrivateKey x = k.key().deriveX25519();
                    if (DidCoreResolver.toNimbus(x.publicKey().toJwk()).equals(ka.publicJwk())) {
                        keys.add(new PrivateKeyJwk(ka.id(), DidCoreResolver.toNimbus(x.exportJwk())));
                    }
                    x.destroy();
                } catch (DidException e) {
                    throw new DidResolutionException("cannot derive the X25519 key of " + k.id() + ": " + e.getMessage(), e);
                }
            }
        }
        return new LocalIdentity(did, new LocalKeys(keys));
    }

    private static String absolute(String did, String id) {
        return id.startsWith("#") ? did + id : id;
    }
}
