package dev.parley.didcomm.envelope;

import java.util.Optional;

/** JWE key wrapping algorithms DIDComm allows ({@code alg}): anoncrypt and authcrypt. */
public enum KeyWrap {
    /** Anoncrypt: ephemeral-static ECDH, the sender is not authenticated. */
    ECDH_ES_A256KW("ECDH-ES+A256KW"),
    /** Authcrypt: ECDH-1PU binds the sender's static key (named by {@code skid}). */
    ECDH_1PU_A256KW("ECDH-1PU+A256KW");

    private final String wireName;

    KeyWrap(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<KeyWrap> fromWire(String alg) {
        for (KeyWrap k : values()) {
            if (k.wireName.equals(alg)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
