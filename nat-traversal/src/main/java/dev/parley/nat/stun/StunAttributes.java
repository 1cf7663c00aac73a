package dev.parley.nat.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Typed encoders and strict decoders for the attribute values Parley uses. Stateless. */
public final class StunAttributes {
    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;
    /** CHANGE-REQUEST flag bits (RFC 5780 section 7.2). */
    public static final int CHANGE_IP = 0x04;
    public static final int CHANGE_PORT = 0x02;

    private StunAttributes() {
    }

    /** XOR-MAPPED-ADDRESS (RFC 8489 section 14.2): port and address XORed with cookie and transaction id. */
    public static StunAttribute xorMappedAddress(InetSocketAddress address, TransactionId tid) {
        return new StunAttribute(StunAttribute.XOR_MAPPED_ADDRESS, address(address, xorMask(tid)));
    }

    public static InetSocketAddress decodeXorMappedAddress(StunAttribute attribute, TransactionId tid)
            throws StunFormatException {
        return address(attribute, xorMask(tid));
    }

    /** Attributes in the MAPPED-ADDRESS format: MAPPED-ADDRESS, OTHER-ADDRESS, RESPONSE-ORIGIN. */
    public static StunAttribute plainAddress(int type, InetSocketAddress address) {
        return new StunAttribute(type, address(address, new byte[16]));
    }

    public static InetSocketAddress decodePlainAddress(StunAttribute attribute) throws StunFormatException {
        return address(attribute, new byte[16]);
    }

    public static StunAttribute changeRequest(int flags) {
        return new StunAttribute(StunAttribute.CHANGE_REQUEST, ByteBuffer.allocate(4).putInt(flags).array());
    }

    public static int decodeChangeRequest(StunAttribute attribute) throws StunFormatException {
        byte[] v = attribute.value();
        if (v.length != 4) {
            throw new StunFormatException("CHANGE-REQUEST must be 4 bytes, got " + v.length);
        }
        return ByteBuffer.wrap(v).getInt();
    }

    /** ERROR-CODE (RFC 8489 section 14.8) with a code 300..699 and a short reason. */
    public static StunAttribute errorCode(int code, String reason) {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("STUN error codes are 300..699: " + code);
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        return new StunAttribute(StunAttribute.ERROR_CODE, ByteBuffer.allocate(4 + text.length)
                .putShort((short) 0).put((byte) (code / 100)).put((byte) (code % 100)).put(text).array());
    }

    public static int decodeErrorCode(StunAttribute attribute) throws StunFormatException {
        byte[] v = attribute.value();
        if (v.length < 4) {
            throw new StunFormatException("ERROR-CODE shorter than 4 bytes");
        }
        return (v[2] & 0x07) * 100 + (v[3] & 0xFF);
    }

    public static StunAttribute unknownAttributes(int... types) {
        ByteBuffer b = ByteBuffer.allocate(2 * types.length);
        for (int t : types) {
            b.putShort((short) t);
        }
        return new StunAttribute(StunAttribute.UNKNOWN_ATTRIBUTES, b.array());
    }

    public static StunAttribute software(String name) {
        return new StunAttribute(StunAttribute.SOFTWARE, name.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] xorMask(TransactionId tid) {
        return ByteBuffer.allocate(16).putInt(StunCodec.MAGIC_COOKIE).put(tid.bytes()).array();
    }

    private static byte[] address(InetSocketAddress address, byte[] mask) {
        byte[] ip = address.getAddress().getAddress();
        ByteBuffer b = ByteBuffer.allocate(4 + ip.length);
        b.put((byte) 0).put((byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6));
        int portMask = ((mask[0] & 0xFF) << 8) | (mask[1] & 0xFF);
        b.putShort((short) (address.getPort() ^ portMask));
        for (int i = 0; i < ip.length; i++) {
            b.put((byte) (ip[i] ^ mask[i]));
        }
        return b.array();
    }

    private static InetSocketAddress address(StunAttribute attribute, byte[] mask) throws StunFormatException {
        byte[] v = attribute.value();
        if (v.length < 4) {
            throw new StunFormatException(String.format("address attribute 0x%04X shorter than 4 bytes", attribute.type()));
        }
        int family = v[1] & 0xFF;
        int ipLength = family == FAMILY_IPV4 ? 4 : family == FAMILY_IPV6 ? 16 : -1;
        if (ipLength < 0) {
            throw new StunFormatException("unknown address family " + family + " (expected 1 for IPv4 or 2 for IPv6)");
        }
        if (v.length != 4 + ipLength) {
            throw new StunFormatException("address attribute of family " + family + " must be " + (4 + ipLength)
                    + " bytes, got " + v.length);
        }
        int port = (((v[2] & 0xFF) << 8) | (v[3] & 0xFF)) ^ (((mask[0] & 0xFF) << 8) | (mask[1] & 0xFF));
        byte[] ip = new byte[ipLength];
        for (int i = 0; i < ipLength; i++) {
            ip[i] = (byte) (v[4 + i] ^ mask[i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new StunFormatException("address bytes of wrong length: " + e.getMessage());
        }
    }
}
