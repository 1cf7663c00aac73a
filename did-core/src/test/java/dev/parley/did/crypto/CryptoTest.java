package dev.parley.did.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.did.WeakKeyException;
import dev.parley.did.internal.Base64Url;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CryptoTest {

  private static final HexFormat HEX = HexFormat.of();
  private final SecureRandom random = new SecureRandom(new byte[] {7});

  @Test
  void ed25519MatchesRfc8032Vectors() throws Exception {
    int ran = 0;
    for (JsonNode v : vectors().get("ed25519").get("vectors")) {
      PrivateKey key = PrivateKey.fromBytes(KeyType.ED25519, HEX.parseHex(v.get("secret").asText()));
      assertArrayEquals(HEX.parseHex(v.get("public").asText()), key.publicKey().rawBytes());
      byte[] message = HEX.parseHex(v.get("message").asText());
      byte[] signature = Signatures.signer(key).sign(message);
      assertEquals(v.get("signature").asText(), HEX.formatHex(signature));
      assertTrue(Signatures.verifier(key.publicKey()).verify(message, signature));
      ran++;
    }
    assertEquals(3, ran);
  }

  @Test
  void x25519MatchesRfc7748Vector() throws Exception {
    JsonNode v = vectors().get("x25519").get("vectors").get(0);
    PrivateKey alice = PrivateKey.fromBytes(KeyType.X25519, HEX.parseHex(v.get("alicePrivate").asText()));
    PrivateKey bob = PrivateKey.fromBytes(KeyType.X25519, HEX.parseHex(v.get("bobPrivate").asText()));
    assertEquals(v.get("alicePublic").asText(), HEX.formatHex(alice.publicKey().rawBytes()));
    assertEquals(v.get("bobPublic").asText(), HEX.formatHex(bob.publicKey().rawBytes()));
    assertEquals(v.get("shared").asText(),
        HEX.formatHex(KeyAgreement.agree(alice, bob.publicKey()).bytes()));
    assertEquals(v.get("shared").asText(),
        HEX.formatHex(KeyAgreement.agree(bob, alice.publicKey()).bytes()));
  }

  @Test
  void p256SignaturesAreTheDeterministicRfc6979Ones() throws Exception {
    JsonNode p = vectors().get("p256");
    PrivateKey key = PrivateKey.fromBytes(KeyType.P256, HEX.parseHex(p.get("private").asText()));
    byte[] uncompressed = key.publicKey().uncompressedPoint();
    assertEquals(p.get("publicX").asText() + p.get("publicY").asText(),
        HEX.formatHex(Arrays.copyOfRange(uncompressed, 1, 65)));
    int ran = 0;
    for (JsonNode v : p.get("vectors")) {
      byte[] message = v.get("message").asText().getBytes(StandardCharsets.US_ASCII);
      byte[] sig = Signatures.signer(key).sign(message);
      assertEquals(v.get("r").asText() + v.get("s").asText(), HEX.formatHex(sig));
      assertTrue(Signatures.verifier(key.publicKey()).verify(message, sig));
      ran++;
    }
    assertEquals(2, ran);
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"ED25519", "P256"})
  void rejectsSignatureWithAnyBitFlippedAndAnyMessageByteChanged(KeyType type) throws Exception {
    PrivateKey key = PrivateKey.generate(type, random);
    byte[] message = "parley tamper test message".getBytes(StandardCharsets.UTF_8);
    byte[] sig = Signatures.signer(key).sign(message);
    Verifier verifier = Signatures.verifier(key.publicKey());
    assertTrue(verifier.verify(message, sig));
    for (int bit = 0; bit < sig.length * 8; bit++) {
      byte[] tampered = sig.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(verifier.verify(message, tampered), "signature bit " + bit + " flipped");
    }
    for (int i = 0; i < message.length; i++) {
      byte[] tampered = message.clone();
      tampered[i] ^= 1;
      assertFalse(verifier.verify(tampered, sig), "message byte " + i + " changed");
    }
    assertFalse(verifier.verify(message, Arrays.copyOf(sig, sig.length - 1)), "truncated");
    assertFalse(verifier.verify(message, new byte[sig.length]), "all-zero signature");
    PrivateKey other = PrivateKey.generate(type, random);
    assertFalse(Signatures.verifier(other.publicKey()).verify(message, sig), "other key");
  }

  @Test
  void verifiesSecp256k1P384AndP521SignaturesMadeWithBouncyCastle() throws Exception {
    for (KeyType type : new KeyType[] {KeyType.SECP256K1, KeyType.P384, KeyType.P521}) {
      TestEcdsa.Pair pair = TestEcdsa.generate(type, random);
      byte[] message = ("message for " + type).getBytes(StandardCharsets.UTF_8);
      byte[] sig = TestEcdsa.sign(pair, message);
      Verifier verifier = Signatures.verifier(pair.publicKey());
      assertTrue(verifier.verify(message, sig), type + " valid signature");
      sig[sig.length - 1] ^= 1;
      assertFalse(verifier.verify(message, sig), type + " tampered signature");
    }
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"X25519", "P256"})
  void agreementGivesBothSidesTheSameSecret(KeyType type) throws Exception {
    PrivateKey a = PrivateKey.generate(type, random);
    PrivateKey b = PrivateKey.generate(type, random);
    byte[] ab = KeyAgreement.agree(a, b.publicKey()).bytes();
    assertArrayEquals(ab, KeyAgreement.agree(b, a.publicKey()).bytes());
    assertEquals(32, ab.length);
    assertNotEquals(0, Arrays.hashCode(ab));
  }

  @Test
  void rejectsEverySmallOrderX25519PointIncludingNonCanonicalEncodings() {
    String[] smallOrder = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"};
    for (String hex : smallOrder) {
      assertThrows(WeakKeyException.class, () -> PublicKey.of(KeyType.X25519, HEX.parseHex(hex)), hex);
    }
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"ED25519", "X25519", "P256"})
  void privateAndPublicJwksRoundTrip(KeyType type) throws Exception {
    PrivateKey key = PrivateKey.generate(type, random);
    Jwk priv = key.exportJwk();
    assertTrue(priv.isPrivate());
    assertEquals(type.jwkCrv(), priv.crv());
    assertEquals(key.publicKey(), PrivateKey.fromJwk(Jwk.parse(priv.toJson())).publicKey());
    assertArrayEquals(key.exportSecretBytes(), PrivateKey.fromJwk(priv).exportSecretBytes());
    Jwk pub = key.publicKey().toJwk();
    assertFalse(pub.isPrivate());
    assertEquals(pub, priv.publicOnly());
    assertEquals(key.publicKey(), PublicKey.fromJwk(Jwk.parse(pub.toJson())));
    assertEquals(key.publicKey(), PublicKey.fromMultibase(key.publicKey().toMultibase()));
  }

  @Test
  void secretsNeverPrintThemselves() throws Exception {
    PrivateKey key = PrivateKey.generate(KeyType.ED25519, random);
    String d = key.exportJwk().d();
    String hex = HEX.formatHex(key.exportSecretBytes());
    for (String printed : new String[] {key.toString(), key.exportJwk().toString(),
        Signatures.signer(key).toString(),
        KeyAgreement.agree(key.deriveX25519(), key.deriveX25519().publicKey()).toString()}) {
      assertFalse(printed.contains(d) || printed.contains(hex), printed);
      assertFalse(printed.contains(Base64Url.encode(key.exportSecretBytes())), printed);
    }
    assertTrue(key.toString().contains("redacted"));
  }

  @Test
  void destroyedKeysRefuseToSign() throws Exception {
    PrivateKey key = PrivateKey.generate(KeyType.P256, random);
    Signer signer = Signatures.signer(key);
    key.destroy();
    assertThrows(IllegalStateException.class, () -> signer.sign(new byte[1]));
    assertThrows(IllegalStateException.class, key::exportJwk);
  }

  @Test
  void derivedX25519KeysAgreeWithTheDerivedPublicKey() throws Exception {
    PrivateKey ed = PrivateKey.generate(KeyType.ED25519, random);
    assertEquals(ed.publicKey().deriveX25519(), ed.deriveX25519().publicKey());
  }

  private static JsonNode vectors() throws Exception {
    try (InputStream in = CryptoTest.class.getResourceAsStream("/crypto-vectors.json")) {
      return new ObjectMapper().readTree(in);
    }
  }
}
