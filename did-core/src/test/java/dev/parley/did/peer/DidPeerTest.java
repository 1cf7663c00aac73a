package dev.parley.did.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.did.Did;
import dev.parley.did.DidCommMessagingService;
import dev.parley.did.DidDocument;
import dev.parley.did.OtherService;
import dev.parley.did.Service;
import dev.parley.did.VerificationMethod;
import dev.parley.did.VerificationRelationship;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.key.DidKeyMethod;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DidPeerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final DidPeerMethod method = new DidPeerMethod();
  private final SecureRandom random = new SecureRandom(new byte[] {1});

  @Test
  void resolvesSpecExampleToTheSpecDocument() throws Exception {
    JsonNode vector = read("numalgo2-example.json");
    DidDocument doc = method.resolve(Did.parse(vector.get("did").asText()));
    assertEquals(vector.get("document"), JSON.readTree(doc.toJson()));
  }

  @Test
  void recreatingTheSpecExampleGivesTheSameDidString() throws Exception {
    String did = read("numalgo2-example.json").get("did").asText();
    DidDocument doc = method.resolve(Did.parse(did));
    assertEquals(did, DidPeer.numalgo2(keysOf(doc), doc.services()).toString());
  }

  @Test
  void resolvesPre2023ServiceEncodingAndEmitsTheCurrentOne() throws Exception {
    JsonNode vector = read("numalgo3-example.json");
    Did old = Did.parse(vector.get("did").asText());
    DidDocument doc = method.resolve(old);
    assertEquals(List.of(vector.get("numalgo3").asText()), doc.alsoKnownAs());
    assertEquals(List.of(new DidCommMessagingService("#service", "https://example.com/endpoint",
            List.of("didcomm/v2", "didcomm/aip2;env=rfc587"),
            List.of("did:example:somemediator#somekey"))),
        doc.services());
    assertEquals(2, doc.authenticationMethods().size());
    assertEquals(KeyType.X25519, doc.keyAgreementMethods().get(0).publicKey().type());

    Did current = DidPeer.numalgo2(keysOf(doc), doc.services());
    assertNotEquals(old, current, "the old encoding is not emitted");
    assertTrue(current.toString().contains(".SeyJ0IjoiZG0iLCJzIjp7"), "current form {\"t\":\"dm\",\"s\":{");
    DidDocument again = method.resolve(current);
    assertEquals(doc.services(), again.services());
    assertEquals(doc.verificationMethods().stream().map(VerificationMethod::publicKey).toList(),
        again.verificationMethods().stream().map(VerificationMethod::publicKey).toList());
  }

  @Test
  void findsKeysByBothKeyIdStyles() throws Exception {
    DidDocument doc = method.resolve(Did.parse(read("numalgo3-example.json").get("did").asText()));
    VerificationMethod e = doc.verificationMethod("#key-1");
    assertSame(e, doc.verificationMethod("#6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc"));
    assertSame(e, doc.verificationMethod(doc.id() + "#key-1"));
    assertSame(e, doc.verificationMethod(doc.id() + "#6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc"));
    assertEquals("#key-1", e.id());
    assertEquals(doc.id() + "#key-1", e.absoluteId().toString());
  }

  @Test
  void roundTripsSeparateKeysRoutingKeysAndSeveralServicesExactly() throws Exception {
    PrivateKey v = PrivateKey.generate(KeyType.ED25519, random);
    PrivateKey e = PrivateKey.generate(KeyType.X25519, random);
    List<Service> services = List.of(
        new DidCommMessagingService("#service", "https://mediator.example/didcomm",
            List.of("didcomm/v2"), List.of("did:key:z6MkmediatorKey#z6LSkey", "did:peer:2.Vz#key-2")),
        new DidCommMessagingService("#service-1", "wss://mediator.example/ws",
            List.of("didcomm/v2"), List.of()),
        new DidCommMessagingService("#direct", "did:peer:2.Vzabc", List.of(), List.of()),
        new OtherService("#service-2", "LinkedDomains", "{\"origins\":[\"https://a.example\"]}"));
    Did did = DidPeer.numalgo2(List.of(PeerKey.verification(v.publicKey()),
        PeerKey.encryption(e.publicKey())), services);
    DidDocument doc = method.resolve(did);

    assertEquals(services, doc.services());
    assertEquals(services.subList(0, 3), doc.didCommServices());
    assertEquals(v.publicKey(), doc.authenticationMethods().get(0).publicKey());
    assertEquals(e.publicKey(), doc.keyAgreementMethods().get(0).publicKey());
    assertEquals("#key-2", doc.keyAgreementMethods().get(0).id());
    assertEquals(did, DidPeer.numalgo2(keysOf(doc), doc.services()));
    assertEquals(did, method.resolve(Did.parse(did.toString())).id());
  }

  @Test
  void numalgo0ResolvesLikeTheEquivalentDidKey() throws Exception {
    PrivateKey k = PrivateKey.generate(KeyType.ED25519, random);
    Did peer0 = DidPeer.numalgo0(k.publicKey());
    DidDocument peerDoc = method.resolve(peer0);
    DidDocument keyDoc = new DidKeyMethod().resolve(DidKeyMethod.create(k.publicKey()));
    assertEquals("did:peer:0" + k.publicKey().toMultibase(), peer0.toString());
    assertEquals(keyDoc.verificationMethods().stream().map(VerificationMethod::publicKey).toList(),
        peerDoc.verificationMethods().stream().map(VerificationMethod::publicKey).toList());
    assertEquals(k.publicKey().deriveX25519(), peerDoc.keyAgreementMethods().get(0).publicKey());
  }

  @Test
  void numalgo3MatchesTheSpecExample() throws Exception {
    JsonNode vector = read("numalgo3-example.json");
    assertEquals(vector.get("numalgo3").asText(),
        DidPeer.numalgo3(Did.parse(vector.get("did").asText())).toString());
  }

  private static List<PeerKey> keysOf(DidDocument doc) {
    List<PeerKey> keys = new ArrayList<>();
    for (VerificationMethod m : doc.verificationMethods()) {
      for (Purpose p : Purpose.values()) {
        VerificationRelationship r = p.relationship();
        if (doc.relationships().get(r).contains(m.id())) {
          keys.add(new PeerKey(p, m.publicKey()));
        }
      }
    }
    return keys;
  }

  private static JsonNode read(String name) throws Exception {
    try (InputStream in = DidPeerTest.class.getResourceAsStream("/did-peer-vectors/" + name)) {
      return JSON.readTree(in);
    }
  }
}
