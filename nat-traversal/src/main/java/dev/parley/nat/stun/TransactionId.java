package dev.parley.nat.stun;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** The 96-bit STUN transaction id. Immutable: the array is copied in and out. */
public record TransactionId(byte[] bytes) {
    public static final int LENGTH = 12;

    public TransactionId {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a STUN transaction id has 12 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static TransactionId random(SecureRandom random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new TransactionId(b);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
