package dev.parley.nat.link.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Link-layer framing on every path: one type byte, then the payload. The type bytes lie in
 * 0xD0-0xD2, outside the STUN (0-3), DTLS (20-63) and RTP (128-191) ranges of RFC 7983, so they
 * never confuse ice4j's demultiplexer. Pings carry an 8-byte nonce and the 8-byte send time.
 */
record LinkFrame(Type type, byte[] payload) {
    enum Type {
        DATA((byte) 0xD0), PING((byte) 0xD1), PONG((byte) 0xD2);

        final byte code;

        Type(byte code) {
            this.code = code;
        }
    }

    static final int PING_LENGTH = 16;

    byte[] encode() {
        byte[] out = new byte[payload.length + 1];
        out[0] = type.code;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    }

    /** Empty for anything that is not a well-formed frame; the caller drops it. */
    static Optional<LinkFrame> parse(byte[] data, int offset, int length) {
        if (length < 1) {
            return Optional.empty();
        }
        for (Type t : Type.values()) {
            if (t.code == data[offset]) {
                byte[] payload = Arrays.copyOfRange(data, offset + 1, offset + length);
                if (t != Type.DATA && payload.length != PING_LENGTH) {
                    return Optional.empty();
                }
                return Optional.of(new LinkFrame(t, payload));
            }
        }
        return Optional.empty();
    }

    static LinkFrame ping(long nonce, long sentNanos) {
        return new LinkFrame(Type.PING, ByteBuffer.allocate(PING_LENGTH).putLong(nonce).putLong(sentNanos).array());
    }
}
