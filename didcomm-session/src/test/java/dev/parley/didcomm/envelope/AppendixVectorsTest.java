package dev.parley.didcomm.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.didcomm.TestDids;
import dev.parley.didcomm.did.StaticDidResolver;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.message.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every signed and encrypted example of the DIDComm v2 appendix unpacks to the C.1 plaintext. */
class AppendixVectorsTest {

    private static final List<String> VECTORS = List.of("plaintext", "signed-eddsa", "signed-es256", "signed-es256k",
            "anoncrypt-x25519-xc20p", "anoncrypt-p384-a256cbc", "anoncrypt-p521-a256gcm", "authcrypt-x25519",
            "authcrypt-p256-signed", "anoncrypt-authcrypt-signed");
    private static final List<String> RAN = new ArrayList<>();

    private final StaticDidResolver resolver = new StaticDidResolver(List.of(TestDids.alice(), TestDids.bob()));
    private final Clock beforeExpiry = Clock.fixed(Instant.ofEpochSecond(1516269100L), ZoneOffset.UTC);

    @Test
    void everyAppendixEnvelopeUnpacksToThePlaintextWithItsLayers() throws Exception {
        Message expected = new MessageCodec(JsonLimits.DEFAULT).parse(
                TestDids.vector("plaintext").toString().getBytes(StandardCharsets.UTF_8));
        DidCommUnpacker unpacker = new DidCommUnpacker(resolver, beforeExpiry, JsonLimits.DEFAULT);
        for (String name : VECTORS) {
            JsonNode file = TestDids.resource("appendix/" + name + ".json");
            Unpacked u = unpacker.unpack(file.get("value").toString(), TestDids.bobSecrets());
            // The appendix signs a payload whose type says http:// where C.1 says https://; all else is equal.
            Message got = u.message();
            assertEquals(expected.type(), got.type().replace("http://", "https://"), name);
            assertEquals(expected, new Message(got.id(), expected.type(), got.from(), got.to(), got.thid(), got.pthid(),
                    got.createdTime(), got.expiresTime(), got.body(), got.attachments(), got.fromPrior(),
                    got.extraHeaders()), name);
            List<String> layers = new ArrayList<>();
            file.get("expected_layers").forEach(l -> layers.add(l.asText()));
            assertEquals(layers, u.metadata().layers().stream().map(Enum::name).toList(), name);
            RAN.add(name);
        }
    }

    @Test
    void appendixMessageIsRejectedAfterItsExpiresTime() {
        Clock late = Clock.fixed(Instant.ofEpochSecond(1516385931L), ZoneOffset.UTC);
        DidCommUnpacker unpacker = new DidCommUnpacker(resolver, late, JsonLimits.DEFAULT);
        assertThrows(ExpiredMessageException.class, () -> unpacker.unpack(
                TestDids.vector("authcrypt-x25519").toString(), TestDids.bobSecrets()));
    }

    @Test
    void appendixAuthcryptMetadataNamesSenderAndAlgorithms() throws Exception {
        DidCommUnpacker unpacker = new DidCommUnpacker(resolver, beforeExpiry, JsonLimits.DEFAULT);
        UnpackMetadata m = unpacker.unpack(TestDids.vector("anoncrypt-authcrypt-signed").toString(),
                TestDids.bobSecrets()).metadata();
        assertEquals(true, m.encrypted());
        assertEquals(true, m.authenticated());
        assertEquals(true, m.nonRepudiation());
        assertEquals(true, m.anonymousSender());
        assertEquals("did:example:alice#key-1", m.signFrom());
        assertEquals("EdDSA", m.signAlg());
        assertEquals("ECDH-ES+A256KW/XC20P", m.encAlgAnon());
        assertEquals("ECDH-1PU+A256KW/A256CBC-HS512", m.encAlgAuth());
    }

    @Test
    void parleyEncryptsToEveryAppendixCurveIncludingP384AndP521() throws Exception {
        DidCommPacker packer = new DidCommPacker(resolver, dev.parley.didcomm.TestIdentities.seeded(3), JsonLimits.DEFAULT);
        DidCommUnpacker unpacker = new DidCommUnpacker(resolver, beforeExpiry, JsonLimits.DEFAULT);
        Message m = new MessageCodec(JsonLimits.DEFAULT).parse(
                TestDids.vector("plaintext").toString().getBytes(StandardCharsets.UTF_8));
        dev.parley.didcomm.did.LocalIdentity alice = new dev.parley.didcomm.did.LocalIdentity("did:example:alice",
                TestDids.aliceSecrets());
        int ran = 0;
        for (String kid : List.of("key-x25519-1", "key-p256-1", "key-p384-1", "key-p521-1")) {
            for (ContentEncryption enc : ContentEncryption.values()) {
                PackedMessage p = packer.packFor(m, "did:example:bob#" + kid, PackOptions.anoncrypt(enc), null);
                assertEquals(m, unpacker.unpack(p.json(), TestDids.bobSecrets()).message(), kid + "/" + enc);
                ran++;
            }
            if (!kid.equals("key-p384-1")) {
                PackedMessage p = packer.packFor(m, "did:example:bob#" + kid, PackOptions.authcrypt(), alice);
                Unpacked u = unpacker.unpack(p.json(), TestDids.bobSecrets());
                assertEquals("did:example:alice#" + kid, u.metadata().encryptedFromKid());
                ran++;
            }
        }
        assertEquals(4 * 3 + 3, ran);
    }

    @AfterAll
    static void allVectorsRan() {
        assertEquals(VECTORS.size(), RAN.size(), "appendix vectors run: " + RAN);
        assertEquals(10, RAN.size());
    }
}
