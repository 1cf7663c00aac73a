package dev.parley.nat.link.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Link-layer framing on every path: one type byte, then the payload. The type bytes lie in
 * 0xD0-0xD4, outside the STUN (0-3), DTLS (20-63) and RTP (128-191) ranges of RFC 7983, so they
 * never confuse ice4j's demultiplexer. Pings carry an 8-byte nonce and the 8-byte send time. A
 * size probe carries an 8-byte nonce and padding up to the size tried; its answer the nonce and
 * the size received (4 bytes). Peers that predate probes drop them, and the path keeps 1200 bytes.
 */
record LinkFrame(Type type, byte[] payload) {
    enum Type {
        DATA((byte) 0xD0), PING((byte) 0xD1), PONG((byte) 0xD2), PROBE((byte) 0xD3), PROBE_ACK((byte) 0xD4);

        final byte code;

        Type(byte code) {
            this.code = code;
        }
    }

    static final int PING_LENGTH = 16;
    static final int PROBE_ACK_LENGTH = 12;

    byte[] encode() {
        return encode(type, payload, 0, payload.length);
    }

    /** The frame of {@code type} around {@code length} bytes of {@code data}, in one copy. */
    static byte[] encode(Type type, byte[] data, int offset, int length) {
        byte[] out = new byte[length + 1];
        out[0] = type.code;
        System.arraycopy(data, offset, out, 1, length);
        return out;
    }

    /** Empty for anything that is not a well-formed frame; the caller drops it. */
    static Optional<LinkFrame> parse(byte[] data, int offset, int length) {
        if (length < 1) {
            return Optional.empty();
        }
        for (Type t : Type.values()) {
            if (t.code == data[offset]) {
                int n = length - 1;
                boolean wellFormed = switch (t) {
                    case DATA -> true;
                    case PING, PONG -> n == PING_LENGTH;
                    case PROBE -> n >= Long.BYTES;
                    case PROBE_ACK -> n == PROBE_ACK_LENGTH;
                };
                if (!wellFormed) {
                    return Optional.empty();
                }
                // a probe's padding is never looked at: keep only its nonce and size
                byte[] payload = t == Type.PROBE
                        ? ByteBuffer.allocate(PROBE_ACK_LENGTH).put(data, offset + 1, Long.BYTES).putInt(n).array()
                        : Arrays.copyOfRange(data, offset + 1, offset + length);
                return Optional.of(new LinkFrame(t, payload));
            }
        }
        return Optional.empty();
    }

    /** A probe whose encoded frame is {@code 1 + payloadSize} bytes long. */
    static byte[] probe(long nonce, int payloadSize) {
        byte[] out = new byte[1 + payloadSize];
        out[0] = Type.PROBE.code;
        ByteBuffer.wrap(out, 1, Long.BYTES).putLong(nonce);
        return out;
    }

    static LinkFrame ping(long nonce, long sentNanos) {
        return new LinkFrame(Type.PING, ByteBuffer.allocate(PING_LENGTH).putLong(nonce).putLong(sentNanos).array());
    }
}
