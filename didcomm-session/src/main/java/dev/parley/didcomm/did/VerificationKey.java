package dev.parley.didcomm.did;

import com.nimbusds.jose.jwk.JWK;
import java.util.Objects;

/**
 * A public verification method of a DID document as DIDComm uses it: an absolute DID URL id
 * ({@code did:...#fragment}) and the key as a public JWK. Immutable.
 */
public record VerificationKey(String id, JWK publicJwk) {

    public VerificationKey {
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
