package dev.parley.did.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.did.Did;
import dev.parley.did.DidDocument;
import dev.parley.did.PublicKeyFormat;
import dev.parley.did.crypto.Jwk;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.crypto.PublicKey;
import dev.parley.did.crypto.internal.EcCurves;
import dev.parley.did.internal.Base58;
import dev.parley.did.internal.Base64Url;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs every document of the w3c-ccg did:key test vectors (see did-key-vectors/SOURCE.txt):
 * the resolved document must equal the published one, and every published private key must
 * derive the published public key. The count is asserted so no vector can be skipped.
 */
class DidKeyVectorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private int documents;
  private int privateKeys;

  @Test
  void everyPublishedVectorResolvesToThePublishedDocument() throws Exception {
    runFile("ed25519-x25519.json");
    runFile("nist-curves.json");
    runFile("secp256k1.json");
    JsonNode x25519 = read("x25519.json").get("didDocument");
    for (Iterator<Map.Entry<String, JsonNode>> it = x25519.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      checkDocument(e.getKey(), e.getValue());
    }
    assertEquals(22, documents, "documents checked (5 Ed25519, 7 NIST, 6 secp256k1, 4 X25519)");
    assertEquals(19, privateKeys, "published private keys checked");
  }

  private void runFile(String name) throws Exception {
    JsonNode root = read(name);
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String did = e.getKey();
      JsonNode vector = e.getValue();
      checkDocument(did, vector.get("didDocument"));
      PublicKey published = DidKeyMethod.publicKey(Did.parse(did));
      if (vector.has("seed") && published.type() == KeyType.ED25519) {
        PrivateKey key = PrivateKey.fromBytes(KeyType.ED25519,
            HexFormat.of().parseHex(vector.get("seed").asText()));
        assertEquals(published, key.publicKey(), did + " seed derives the DID key");
        JsonNode agreement = vector.get("keyAgreementKeyPair");
        byte[] expectedX = agreement.has("privateKeyBase58")
            ? Base58.decode(agreement.get("privateKeyBase58").asText())
            : Base64Url.decode(agreement.get("privateKeyJwk").get("d").asText(), "d");
        assertArrayEquals(expectedX, key.deriveX25519().exportSecretBytes(),
            did + " derived X25519 private key");
        privateKeys++;
      }
      JsonNode pair = vector.has("verificationKeyPair") ? vector.get("verificationKeyPair")
          : vector.get("verificationMethod");
      if (pair != null && pair.has("privateKeyJwk")) {
        Jwk jwk = Jwk.fromJson(pair.get("privateKeyJwk"));
        assertEquals(published, PublicKey.fromJwk(jwk), did + " private JWK public members");
        checkPrivate(published, Base64Url.decode(jwk.d(), "d"), did);
        if (published.type().isFullySupported()) {
          assertEquals(jwk, PrivateKey.fromJwk(jwk).exportJwk(), did + " private JWK round trip");
        }
      } else if (pair != null && pair.has("privateKeyBase58")) {
        checkPrivate(published, Base58.decode(pair.get("privateKeyBase58").asText()), did);
      }
    }
  }

  private void checkPrivate(PublicKey published, byte[] secret, String did) throws Exception {
    if (published.type() == KeyType.ED25519 || published.type() == KeyType.P256) {
      assertEquals(published, PrivateKey.fromBytes(published.type(), secret).publicKey(), did);
    } else {
      EcCurves curve = EcCurves.byJwkName(published.type().jwkCrv());
      byte[] derived = curve.domain().getG().multiply(new BigInteger(1, secret)).normalize()
          .getEncoded(true);
      assertArrayEquals(published.rawBytes(), derived, did + " private scalar derives the key");
    }
    privateKeys++;
  }

  private void checkDocument(String did, JsonNode expected) throws Exception {
    assertNotNull(expected, did + " has a didDocument");
    String type = expected.get("verificationMethod").get(0).get("type").asText();
    PublicKeyFormat format = type.equals("JsonWebKey2020")
        ? PublicKeyFormat.JSON_WEB_KEY_2020 : PublicKeyFormat.LEGACY_BASE58;
    DidDocument doc = new DidKeyMethod(format).resolve(Did.parse(did));
    assertEquals(expected, JSON.readTree(doc.toJson()), did + " document (" + format + ")");
    new DidKeyMethod(PublicKeyFormat.MULTIKEY).resolve(Did.parse(did));
    documents++;
  }

  private static JsonNode read(String name) throws Exception {
    try (InputStream in = DidKeyVectorsTest.class.getResourceAsStream("/did-key-vectors/" + name)) {
      assertNotNull(in, "test resource did-key-vectors/" + name);
      return JSON.readTree(in);
    }
  }
}
