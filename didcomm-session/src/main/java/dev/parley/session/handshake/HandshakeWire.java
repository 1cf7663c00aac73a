package dev.parley.session.handshake;

import java.util.Arrays;

/**
 * The clear frame around a Noise handshake message: {@code u8 version | u8 suite | u8 kind | 32-byte fingerprint |
 * noise bytes}. The clear fields let a receiver name what is wrong before any crypto; they are repeated in the
 * prologue, so editing them fails the handshake anyway. Immutable.
 */
public record HandshakeWire(int version, Suite suite, Kind kind, AppFingerprint fingerprint, byte[] noise) {
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 3 + AppFingerprint.LENGTH;
    /** Longest handshake message accepted; longer ones are refused unread. */
    public static final int MAX_LENGTH = 4096;

    /** Which handshake message. */
    public enum Kind {
        PROPOSE(1), ACCEPT(2);

        final int code;

        Kind(int code) {
            this.code = code;
        }
    }

    public HandshakeWire {
        noise = noise.clone();
    }

    @Override
    public byte[] noise() {
        return noise.clone();
    }

    /** The suite name of an encoded message, for the clear copy in the DIDComm body ("unknown" if unreadable). */
    public static String suiteName(byte[] encoded) {
        try {
            return encoded.length > 1 ? Suite.byId(encoded[1] & 0xff).wireName() : "unknown";
        } catch (UnsupportedSuiteException e) {
            return "unknown";
        }
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER_LENGTH + noise.length];
        out[0] = (byte) version;
        out[1] = (byte) suite.id();
        out[2] = (byte) kind.code;
        System.arraycopy(fingerprint.bytes(), 0, out, 3, AppFingerprint.LENGTH);
        System.arraycopy(noise, 0, out, HEADER_LENGTH, noise.length);
        return out;
    }

    /**
     * Parses and checks size, version, suite and kind (in that order, so the error names the first problem).
     */
    public static HandshakeWire decode(byte[] bytes, Kind expected) throws HandshakeException {
        if (bytes.length > MAX_LENGTH) {
            throw new HandshakeFailedException("handshake message of " + bytes.length + " bytes exceeds the "
                    + MAX_LENGTH + "-byte limit");
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new HandshakeFailedException("handshake message truncated: " + bytes.length + " bytes, the header alone is "
                    + HEADER_LENGTH);
        }
        int version = bytes[0] & 0xff;
        if (version != VERSION) {
            throw new UnsupportedVersionException(version);
        }
        Suite suite = Suite.byId(bytes[1] & 0xff);
        int kind = bytes[2] & 0xff;
        if (kind != expected.code) {
            throw new HandshakeFailedException("expected a " + expected + " handshake message, got kind " + kind);
        }
        AppFingerprint fp = AppFingerprint.of(Arrays.copyOfRange(bytes, 3, HEADER_LENGTH));
        return new HandshakeWire(version, suite, expected, fp, Arrays.copyOfRange(bytes, HEADER_LENGTH, bytes.length));
    }
}
