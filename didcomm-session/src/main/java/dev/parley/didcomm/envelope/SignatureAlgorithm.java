package dev.parley.didcomm.envelope;

import java.util.Optional;

/** JWS algorithms DIDComm requires verifiers to support ({@code alg}); each is tied to one key type. */
public enum SignatureAlgorithm {
    EDDSA("EdDSA", "Ed25519"),
    ES256("ES256", "P-256"),
    ES256K("ES256K", "secp256k1");

    private final String wireName;
    private final String curve;

    SignatureAlgorithm(String wireName, String curve) {
        this.wireName = wireName;
        this.curve = curve;
    }

    public String wireName() {
        return wireName;
    }

    /** The JWK {@code crv} a key must have to be used with this algorithm. */
    public String curve() {
        return curve;
    }

    public static Optional<SignatureAlgorithm> fromWire(String alg) {
        for (SignatureAlgorithm a : values()) {
            if (a.wireName.equals(alg)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The algorithm for a key curve, or empty if it cannot sign. */
    public static Optional<SignatureAlgorithm> forCurve(String crv) {
        for (SignatureAlgorithm a : values()) {
            if (a.curve.equals(crv)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
