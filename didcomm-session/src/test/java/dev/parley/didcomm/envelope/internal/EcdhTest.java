package dev.parley.didcomm.envelope.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.parley.didcomm.envelope.InvalidPublicKeyException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** X25519 agreement and key generation as the JWE layer uses them, against RFC 7748's published vectors. */
class EcdhTest {

    private static final HexFormat HEX = HexFormat.of();

    private static JsonNode vectors() throws Exception {
        try (InputStream in = EcdhTest.class.getResourceAsStream("/envelope/x25519-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("envelope/x25519-vectors.json is missing from the test resources");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    private static OctetKeyPair privateKey(String dHex, String xHex) {
        return new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(HEX.parseHex(xHex)))
                .d(Base64URL.encode(HEX.parseHex(dHex))).build();
    }

    private static OctetKeyPair publicKey(String xHex) {
        return new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(HEX.parseHex(xHex))).build();
    }

    @Test
    void agreementMatchesRfc7748BothWays() throws Exception {
        int ran = 0;
        for (JsonNode v : vectors().get("agreements")) {
            OctetKeyPair alice = privateKey(v.get("alicePrivate").asText(), v.get("alicePublic").asText());
            OctetKeyPair bob = privateKey(v.get("bobPrivate").asText(), v.get("bobPublic").asText());
            byte[] expected = HEX.parseHex(v.get("shared").asText());
            assertArrayEquals(expected, Ecdh.agree(alice, publicKey(v.get("bobPublic").asText())).getEncoded());
            assertArrayEquals(expected, Ecdh.agree(bob, publicKey(v.get("alicePublic").asText())).getEncoded());
            ran++;
        }
        assertEquals(1, ran, "RFC 7748 section 6.1 vectors run");
    }

    @Test
    void rejectsEverySmallOrderPublicKey() throws Exception {
        JsonNode v = vectors().get("agreements").get(0);
        OctetKeyPair alice = privateKey(v.get("alicePrivate").asText(), v.get("alicePublic").asText());
        int ran = 0;
        for (JsonNode u : vectors().get("smallOrder")) {
            assertThrows(InvalidPublicKeyException.class, () -> Ecdh.agree(alice, publicKey(u.asText())), u.asText());
            ran++;
        }
        assertEquals(7, ran, "small-order points tried");
    }

    @Test
    void rejectsPublicKeyOfWrongLength() throws Exception {
        JsonNode v = vectors().get("agreements").get(0);
        OctetKeyPair alice = privateKey(v.get("alicePrivate").asText(), v.get("alicePublic").asText());
        assertThrows(InvalidPublicKeyException.class, () -> Ecdh.agree(alice, publicKey("09".repeat(31))));
        assertThrows(InvalidPublicKeyException.class, () -> Ecdh.agree(alice, publicKey("09".repeat(33))));
    }

    @Test
    void rejectsAgreementWithoutOurPrivateKey() throws Exception {
        JsonNode v = vectors().get("agreements").get(0);
        assertThrows(InvalidPublicKeyException.class, () -> Ecdh.agree(publicKey(v.get("alicePublic").asText()),
                publicKey(v.get("bobPublic").asText())));
    }

    @Test
    void generatedKeyComesFromTheInjectedRandomAndAgreesWithItsPeer() throws Exception {
        OctetKeyPair a = (OctetKeyPair) Ecdh.generate(Curve.X25519, seeded(1));
        OctetKeyPair again = (OctetKeyPair) Ecdh.generate(Curve.X25519, seeded(1));
        OctetKeyPair b = (OctetKeyPair) Ecdh.generate(Curve.X25519, seeded(2));
        assertEquals(a.getX(), again.getX(), "same random, same key");
        assertNotEquals(a.getX(), b.getX());
        assertArrayEquals(Ecdh.agree(a, b.toPublicJWK()).getEncoded(), Ecdh.agree(b, a.toPublicJWK()).getEncoded());
    }

    private static SecureRandom seeded(int seed) throws Exception {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(seed);
        return r;
    }

    @Test
    void staticAgreementMatchesRfc7748AndTheUncachedResultEveryTime() throws Exception {
        JsonNode v = vectors().get("agreements").get(0);
        OctetKeyPair alice = privateKey(v.get("alicePrivate").asText(), v.get("alicePublic").asText());
        OctetKeyPair bobPublic = publicKey(v.get("bobPublic").asText());
        byte[] expected = HEX.parseHex(v.get("shared").asText());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected, Ecdh.agreeStatic(alice, bobPublic).getEncoded(), "call " + i);
        }
        OctetKeyPair other = (OctetKeyPair) Ecdh.generate(Curve.X25519, seeded(3));
        assertArrayEquals(Ecdh.agree(other, bobPublic).getEncoded(), Ecdh.agreeStatic(other, bobPublic).getEncoded(),
                "another private key against the same public key gets its own secret");
    }

    @Test
    void staticAgreementRejectsSmallOrderKeysEveryTime() throws Exception {
        JsonNode v = vectors().get("agreements").get(0);
        OctetKeyPair alice = privateKey(v.get("alicePrivate").asText(), v.get("alicePublic").asText());
        int ran = 0;
        for (JsonNode u : vectors().get("smallOrder")) {
            for (int i = 0; i < 2; i++) {
                assertThrows(InvalidPublicKeyException.class, () -> Ecdh.agreeStatic(alice, publicKey(u.asText())));
            }
            ran++;
        }
        assertEquals(7, ran, "small-order points tried");
    }

    @Test
    void staticSecretCacheStaysBounded() throws Exception {
        OctetKeyPair own = (OctetKeyPair) Ecdh.generate(Curve.X25519, seeded(4));
        SecureRandom r = seeded(5);
        for (int i = 0; i < Ecdh.MAX_STATIC_SECRETS + 10; i++) {
            Ecdh.agreeStatic(own, Ecdh.generate(Curve.X25519, r).toPublicJWK());
        }
        assertEquals(Ecdh.MAX_STATIC_SECRETS, Ecdh.cachedStaticSecrets());
    }
}
