package dev.parley.didcomm.did;

import com.nimbusds.jose.jwk.JWK;
import java.util.List;
import java.util.Objects;

/**
 * A public verification method of a DID document as DIDComm uses it: an absolute DID URL id
 * ({@code did:...#fragment}), the key as a public JWK, and other ids in circulation for the same key
 * (did:peer:2's older multibase-fragment style next to the current {@code #key-N}). Immutable.
 *
 * @param id the current id, the one Parley emits
 * @param publicJwk the public key
 * @param aliases other absolute ids that name this key and are accepted on input
 */
public record VerificationKey(String id, JWK publicJwk, List<String> aliases) {

    /** A key known by one id only. */
    public VerificationKey(String id, JWK publicJwk) {
        this(id, publicJwk, List.of());
    }

    /** Whether {@code kid} names this key (its id or an alias). */
    public boolean isNamed(String kid) {
        return id.equals(kid) || aliases.contains(kid);
    }

    public VerificationKey {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publicJwk, "publicJwk");
        int hash = id.indexOf('#');
        if (!id.startsWith("did:") || hash <= 4 || hash == id.length() - 1) {
            throw new IllegalArgumentException("verification method id must be an absolute DID URL with a fragment, got '"
                    + id + "'");
        }
        if (publicJwk.isPrivate()) {
            publicJwk = publicJwk.toPublicJWK();
        }
    }

    /** The DID this key belongs to (the id without its fragment). */
    public String did() {
        return didOf(id);
    }

    /** The DID part of a DID URL ({@code did:x:y#k -> did:x:y}); a bare DID is returned as is. */
    public static String didOf(String didUrl) {
        int i = didUrl.indexOf('#');
        int q = didUrl.indexOf('?');
        int end = i < 0 ? didUrl.length() : i;
        if (q >= 0 && q < end) {
            end = q;
        }
        return didUrl.substring(0, end);
    }
}
