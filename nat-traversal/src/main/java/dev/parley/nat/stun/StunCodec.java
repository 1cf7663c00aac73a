package dev.parley.nat.stun;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and strictly decodes STUN messages (RFC 8489 section 5, 14.5, 14.7).
 *
 * <p>Decoding validates everything a hostile sender controls: minimum and maximum size, the
 * zero top bits, the magic cookie, a length field that matches the datagram and is a multiple
 * of four, attribute lengths that stay inside the message, and a FINGERPRINT that must be the
 * last attribute and correct when present. Stateless and thread safe.
 */
public final class StunCodec {
    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    /** Largest datagram we accept: one Ethernet MTU. STUN over UDP stays well below it. */
    public static final int MAX_MESSAGE_LENGTH = 1500;
    /** Bound on attribute count so a message of many empty attributes cannot cost much. */
    public static final int MAX_ATTRIBUTES = 64;
    private static final int FINGERPRINT_XOR = 0x5354554E;

    private StunCodec() {
    }

    /** Quick demultiplexing test (RFC 7983): top bits zero and the magic cookie in place. */
    public static boolean looksLikeStun(byte[] data, int offset, int length) {
        return length >= HEADER_LENGTH && (data[offset] & 0xC0) == 0
                && ByteBuffer.wrap(data, offset + 4, 4).getInt() == MAGIC_COOKIE;
    }

    public static StunMessage decode(byte[] data) throws StunFormatException {
        return decode(data, 0, data.length);
    }

    public static StunMessage decode(byte[] data, int offset, int length) throws StunFormatException {
        if (length < HEADER_LENGTH) {
            throw new StunFormatException("STUN message of " + length + " bytes is shorter than the 20-byte header");
        }
        if (length > MAX_MESSAGE_LENGTH) {
            throw new StunFormatException("STUN message of " + length + " bytes exceeds the limit of " + MAX_MESSAGE_LENGTH);
        }
        ByteBuffer buf = ByteBuffer.wrap(data, offset, length).slice();
        int type = buf.getShort() & 0xFFFF;
        if ((type & 0xC000) != 0) {
            throw new StunFormatException("the two most significant bits of a STUN message must be zero");
        }
        int bodyLength = buf.getShort() & 0xFFFF;
        if (buf.getInt() != MAGIC_COOKIE) {
            throw new StunFormatException("magic cookie is not 0x2112A442 (not an RFC 5389/8489 STUN message)");
        }
        if (bodyLength % 4 != 0) {
            throw new StunFormatException("STUN length " + bodyLength + " is not a multiple of 4");
        }
        if (bodyLength != length - HEADER_LENGTH) {
            throw new StunFormatException("STUN length field says " + bodyLength + " but the datagram carries "
                    + (length - HEADER_LENGTH) + " bytes after the header");
        }
        byte[] tid = new byte[TransactionId.LENGTH];
        buf.get(tid);
        List<StunAttribute> attributes = new ArrayList<>();
        boolean fingerprintSeen = false;
        while (buf.remaining() > 0) {
            if (fingerprintSeen) {
                throw new StunFormatException("FINGERPRINT must be the last attribute");
            }
            if (buf.remaining() < 4) {
                throw new StunFormatException("truncated attribute header at offset " + buf.position());
            }
            if (attributes.size() == MAX_ATTRIBUTES) {
                throw new StunFormatException("more than " + MAX_ATTRIBUTES + " attributes");
            }
            int attrStart = buf.position();
            int attrType = buf.getShort() & 0xFFFF;
            int attrLength = buf.getShort() & 0xFFFF;
            int padded = (attrLength + 3) & ~3;
            if (padded > buf.remaining()) {
                throw new StunFormatException(String.format(
                        "attribute 0x%04X claims %d bytes but only %d remain", attrType, attrLength, buf.remaining()));
            }
            byte[] value = new byte[attrLength];
            buf.get(value);
            buf.position(buf.position() + padded - attrLength);
            if (attrType == StunAttribute.FINGERPRINT) {
                if (attrLength != 4) {
                    throw new StunFormatException("FINGERPRINT must be 4 bytes, got " + attrLength);
                }
                int expected = fingerprint(data, offset, attrStart);
                if (ByteBuffer.wrap(value).getInt() != expected) {
                    throw new StunFormatException("FINGERPRINT does not match the message (corrupted or not STUN)");
                }
                fingerprintSeen = true;
            }
            attributes.add(new StunAttribute(attrType, value));
        }
        int method = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
        int classBits = ((type >> 4) & 0x1) | ((type >> 7) & 0x2);
        return new StunMessage(StunClass.ofBits(classBits), method, new TransactionId(tid), attributes);
    }

    /** Encodes the message and appends FINGERPRINT. The message must not already carry one. */
    public static byte[] encode(StunMessage message) {
        return encode(message, null);
    }

    /**
     * Encodes the message, appends MESSAGE-INTEGRITY (HMAC-SHA1 keyed with {@code integrityKey},
     * RFC 8489 section 14.5) and then FINGERPRINT.
     */
    public static byte[] encodeWithIntegrity(StunMessage message, byte[] integrityKey) {
        return encode(message, integrityKey.clone());
    }

    private static byte[] encode(StunMessage message, byte[] integrityKey) {
        int size = HEADER_LENGTH;
        for (StunAttribute a : message.attributes()) {
            if (a.type() == StunAttribute.FINGERPRINT || a.type() == StunAttribute.MESSAGE_INTEGRITY) {
                throw new IllegalArgumentException("FINGERPRINT and MESSAGE-INTEGRITY are added by the codec");
            }
            size += 4 + ((a.value().length + 3) & ~3);
        }
        size += (integrityKey == null ? 0 : 24) + 8;
        if (size > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("encoded STUN message would be " + size + " bytes, limit " + MAX_MESSAGE_LENGTH);
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        int m = message.method();
        int c = message.messageClass().bits();
        int type = (m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 1) << 4) | ((c & 2) << 7);
        buf.putShort((short) type).putShort((short) 0).putInt(MAGIC_COOKIE).put(message.transactionId().bytes());
        for (StunAttribute a : message.attributes()) {
            putAttribute(buf, a.type(), a.value());
        }
        byte[] out = buf.array();
        if (integrityKey != null) {
            ByteBuffer.wrap(out, 2, 2).putShort((short) (buf.position() + 24 - HEADER_LENGTH));
            byte[] hmac = hmacSha1(integrityKey, out, 0, buf.position());
            putAttribute(buf, StunAttribute.MESSAGE_INTEGRITY, hmac);
        }
        ByteBuffer.wrap(out, 2, 2).putShort((short) (size - HEADER_LENGTH));
        int crc = fingerprint(out, 0, buf.position());
        putAttribute(buf, StunAttribute.FINGERPRINT, ByteBuffer.allocate(4).putInt(crc).array());
        return out;
    }

    /**
     * Checks the MESSAGE-INTEGRITY of a received datagram against a short-term credential key.
     * Returns false when the attribute is missing or wrong; throws when the datagram is malformed.
     */
    public static boolean verifyMessageIntegrity(byte[] datagram, byte[] key) throws StunFormatException {
        decode(datagram);
        int pos = HEADER_LENGTH;
        while (pos + 4 <= datagram.length) {
            int type = ((datagram[pos] & 0xFF) << 8) | (datagram[pos + 1] & 0xFF);
            int len = ((datagram[pos + 2] & 0xFF) << 8) | (datagram[pos + 3] & 0xFF);
            if (type == StunAttribute.MESSAGE_INTEGRITY) {
                if (len != 20) {
                    return false;
                }
                byte[] copy = java.util.Arrays.copyOf(datagram, pos);
                ByteBuffer.wrap(copy, 2, 2).putShort((short) (pos + 24 - HEADER_LENGTH));
                byte[] expected = hmacSha1(key, copy, 0, pos);
                byte[] actual = java.util.Arrays.copyOfRange(datagram, pos + 4, pos + 24);
                return MessageDigest.isEqual(expected, actual);
            }
            pos += 4 + ((len + 3) & ~3);
        }
        return false;
    }

    private static void putAttribute(ByteBuffer buf, int type, byte[] value) {
        buf.putShort((short) type).putShort((short) value.length).put(value);
        buf.position(buf.position() + (((value.length + 3) & ~3) - value.length));
    }

    private static int fingerprint(byte[] data, int offset, int end) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, end);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    private static byte[] hmacSha1(byte[] key, byte[] data, int offset, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(data, offset, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide HmacSHA1", e);
        }
    }
}
