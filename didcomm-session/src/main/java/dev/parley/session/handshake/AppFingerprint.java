package dev.parley.session.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte application fingerprint bound into the handshake (MPC puts its program hash here). Both sides must
 * bind the same value or the handshake fails. Immutable.
 */
public final class AppFingerprint {
    public static final int LENGTH = 32;
    /** For sessions that carry no particular application. */
    public static final AppFingerprint NONE = new AppFingerprint(new byte[LENGTH]);

    private final byte[] bytes;

    private AppFingerprint(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps exactly 32 bytes (copied). */
    public static AppFingerprint of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an application fingerprint is " + LENGTH + " bytes, got " + bytes.length);
        }
        return new AppFingerprint(bytes.clone());
    }

    /** SHA-256 of a label, for applications without their own hash. */
    public static AppFingerprint sha256(String label) {
        try {
            return new AppFingerprint(MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Parses 64 hex characters. */
    public static AppFingerprint fromHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("an application fingerprint is 64 hex characters, got " + hex.length());
        }
        return new AppFingerprint(HexFormat.of().parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppFingerprint f && MessageDigest.isEqual(bytes, f.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "AppFingerprint[" + hex() + "]";
    }
}
