package dev.parley.didcomm.did;

import com.nimbusds.jose.jwk.JWK;
import java.util.Objects;

/**
 * A private key of a local DID as a JWK, with the DID URL that names it. It is a secret: {@link #toString()}
 * shows only the key id and type, never key material. Immutable.
 */
public final class PrivateKeyJwk {

    private final String kid;
    private final JWK jwk;

    public PrivateKeyJwk(String kid, JWK jwk) {
        this.kid = Objects.requireNonNull(kid, "kid");
        this.jwk = Objects.requireNonNull(jwk, "jwk");
        if (!jwk.isPrivate()) {
            throw new IllegalArgumentException("PrivateKeyJwk " + kid + " was given a public JWK; load the private key");
        }
        if (!kid.startsWith("did:") || !kid.contains("#")) {
            throw new IllegalArgumentException("private key id must be a DID URL with a fragment, got '" + kid + "'");
        }
    }

    public String kid() {
        return kid;
    }

    /** The private JWK. Callers must not log or persist it. */
    public JWK jwk() {
        return jwk;
    }

    /** The public half. */
    public JWK publicJwk() {
        return jwk.toPublicJWK();
    }

    @Override
    public String toString() {
        return "PrivateKeyJwk[" + kid + ", " + jwk.getKeyType() + ", <redacted>]";
    }
}
