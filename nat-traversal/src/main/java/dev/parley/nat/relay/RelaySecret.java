package dev.parley.nat.relay;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The relay server's HMAC key, shared with whoever issues tokens (the mediator). Redacts itself
 * in {@link #toString()}; the bytes are handed out only as a copy to build a MAC.
 */
public final class RelaySecret {
    public static final int LENGTH = 32;
    private final byte[] key;

    public RelaySecret(byte[] key) {
        if (key.length < LENGTH) {
            throw new IllegalArgumentException("a relay secret needs at least " + LENGTH + " bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    public static RelaySecret generate(SecureRandom random) {
        byte[] k = new byte[LENGTH];
        random.nextBytes(k);
        return new RelaySecret(k);
    }

    byte[] keyBytes() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "RelaySecret[redacted]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelaySecret s && java.security.MessageDigest.isEqual(s.key, key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }
}
