package dev.parley.mpc.prss;

import java.util.Arrays;

/**
 * A 128-bit PRSS key shared by the parties outside one maximal unqualified set. It is a secret: {@link #toString()}
 * redacts it and it must never be logged.
 */
public final class PrssKey {
    public static final int BYTES = 16;
    private final byte[] key;

    /** Copies {@code key}, which must be 16 bytes. */
    public PrssKey(byte[] key) {
        if (key.length != BYTES) {
            throw new IllegalArgumentException("a PRSS key has 16 bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    /** A keyed stream for one nonce. */
    public AesCtrStream stream(long nonce) {
        return new AesCtrStream(key, nonce);
    }

    /** Appends the raw key to a setup message: only for the key-agreement round. */
    public void copyTo(byte[] dst, int off) {
        System.arraycopy(key, 0, dst, off, BYTES);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrssKey other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "PrssKey[redacted]";
    }
}
