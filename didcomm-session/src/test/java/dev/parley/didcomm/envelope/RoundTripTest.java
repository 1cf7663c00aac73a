package dev.parley.didcomm.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.TestIdentities;
import dev.parley.didcomm.TestIdentities.Kind;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Attachment;
import dev.parley.didcomm.message.AttachmentData;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.message.MessageCodec;
import dev.parley.didcomm.did.VerificationKey;
import dev.parley.didcomm.envelope.internal.Jwe;
import dev.parley.didcomm.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Parley packs and Parley unpacks, for every mode and key type, with did:key and did:peer:2 from did-core. */
class RoundTripTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final DidCommPacker packer = new DidCommPacker(TestIdentities.RESOLVER, TestIdentities.seeded(1),
            JsonLimits.DEFAULT);
    private final DidCommUnpacker unpacker = new DidCommUnpacker(TestIdentities.RESOLVER, clock, JsonLimits.DEFAULT);

    static List<PackOptions> allModes() {
        List<PackOptions> l = new ArrayList<>();
        l.add(PackOptions.plain());
        l.add(PackOptions.signed());
        for (ContentEncryption enc : ContentEncryption.values()) {
            l.add(PackOptions.anoncrypt(enc));
            l.add(PackOptions.anoncrypt(enc, PackOption.SIGN));
        }
        l.add(PackOptions.authcrypt());
        l.add(PackOptions.authcrypt(PackOption.SIGN));
        l.add(PackOptions.authcrypt(PackOption.PROTECT_SENDER));
        l.add(PackOptions.authcrypt(PackOption.SIGN, PackOption.PROTECT_SENDER));
        return l;
    }

    private static Message message(String from, List<String> to) {
        return Message.builder("m-1", "https://didcomm.org/basicmessage/2.0/message")
                .from(from).to(to).createdTime(NOW).expiresTime(NOW.plusSeconds(60)).thid("t-1")
                .body(JsonNodeFactory.instance.objectNode().put("content", "hello \u00e9\u263a"))
                .attachments(List.of(Attachment.of("a1", "text/plain",
                        AttachmentData.Base64Data.of("bytes".getBytes(StandardCharsets.UTF_8)))))
                .header("return_route", JsonNodeFactory.instance.textNode("all"))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyModeRoundTripsWithMatchingMetadata(Kind kind) throws Exception {
        LocalIdentity alice = TestIdentities.create(kind, TestIdentities.seeded(10 + kind.ordinal()));
        LocalIdentity bob = TestIdentities.create(kind, TestIdentities.seeded(20 + kind.ordinal()));
        int ran = 0;
        for (PackOptions o : allModes()) {
            Message m = message(alice.did(), List.of(bob.did()));
            List<PackedMessage> packed = packer.pack(m, o, alice);
            assertEquals(1, packed.size());
            Unpacked u = unpacker.unpack(packed.get(0).json(), bob.secrets());
            assertEquals(m, u.message(), o.toString());
            UnpackMetadata md = u.metadata();
            boolean signed = o.mode() == Mode.SIGNED || o.has(PackOption.SIGN);
            assertEquals(signed, md.nonRepudiation(), o.toString());
            assertEquals(o.mode() == Mode.ANONCRYPT || o.mode() == Mode.AUTHCRYPT, md.encrypted(), o.toString());
            assertEquals(o.mode() == Mode.AUTHCRYPT || signed, md.authenticated(), o.toString());
            assertEquals(o.mode() == Mode.ANONCRYPT || o.has(PackOption.PROTECT_SENDER), md.anonymousSender(),
                    o.toString());
            if (o.mode() == Mode.AUTHCRYPT) {
                assertEquals(packed.get(0).fromKid(), md.encryptedFromKid());
                assertTrue(md.encryptedFromKid().startsWith(alice.did() + "#"));
            }
            ran++;
        }
        assertEquals(allModes().size(), ran);
    }

    @Test
    void encryptsOneEnvelopePerRecipientDidAndEachOpensOnlyForItsOwner() throws Exception {
        LocalIdentity alice = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(31));
        LocalIdentity bob = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(32));
        LocalIdentity carol = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(33));
        Message m = message(alice.did(), List.of(bob.did(), carol.did()));
        List<PackedMessage> packed = packer.pack(m, PackOptions.authcrypt(PackOption.SIGN), alice);
        assertEquals(2, packed.size());
        assertEquals(bob.did(), packed.get(0).toDid());
        assertEquals(carol.did(), packed.get(1).toDid());
        assertEquals(m, unpacker.unpack(packed.get(0).json(), bob.secrets()).message());
        assertEquals(m, unpacker.unpack(packed.get(1).json(), carol.secrets()).message());
        assertThrows(NotARecipientException.class, () -> unpacker.unpack(packed.get(0).json(), carol.secrets()));
    }

    @Test
    void metadataSerializesAsSnakeCaseJson() throws Exception {
        LocalIdentity alice = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(41));
        LocalIdentity bob = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(42));
        PackedMessage p = packer.pack(message(alice.did(), List.of(bob.did())), PackOptions.authcrypt(), alice).get(0);
        String json = new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(unpacker.unpack(p.json(), bob.secrets()).metadata());
        assertTrue(json.contains("\"encrypted_from_kid\":\"" + alice.did()), json);
        assertTrue(json.contains("\"layers\":[\"AUTHCRYPT\",\"PLAINTEXT\"]"), json);
        assertFalse(json.contains("sign_from"), json);
    }

    @Test
    void rotatesToANewDidWithAVerifiedFromPrior() throws Exception {
        LocalIdentity oldAlice = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(51));
        LocalIdentity newAlice = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(52));
        LocalIdentity bob = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(53));
        String jwt = FromPrior.issue(oldAlice, newAlice.did(), NOW, TestIdentities.RESOLVER, JsonLimits.DEFAULT);
        Message m = message(newAlice.did(), List.of(bob.did())).toBuilder().fromPrior(jwt).build();
        PackedMessage p = packer.pack(m, PackOptions.authcrypt(), newAlice).get(0);
        Unpacked u = unpacker.unpack(p.json(), bob.secrets());
        assertEquals(jwt, u.message().fromPrior());
        assertTrue(u.metadata().fromPriorIssuerKid().startsWith(oldAlice.did() + "#"));

        String stale = FromPrior.issue(oldAlice, bob.did(), NOW, TestIdentities.RESOLVER, JsonLimits.DEFAULT);
        Message wrongSub = m.toBuilder().fromPrior(stale).build();
        String packed = packer.pack(wrongSub, PackOptions.authcrypt(), newAlice).get(0).json();
        assertThrows(InvalidFromPriorException.class, () -> unpacker.unpack(packed, bob.secrets()));
    }

    @Test
    void acceptsTheOlderMultibaseKeyIdStyleOfDidPeer2AndEmitsTheCurrentOne() throws Exception {
        LocalIdentity alice = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(71));
        LocalIdentity bob = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(72));
        VerificationKey bobKey = TestIdentities.RESOLVER.resolve(bob.did()).keyAgreement().get(0);
        VerificationKey aliceKey = TestIdentities.RESOLVER.resolve(alice.did()).keyAgreement().get(0);
        assertTrue(bobKey.id().endsWith("#key-2"), bobKey.id());
        String legacyBob = bobKey.aliases().get(0);
        String legacyAlice = aliceKey.aliases().get(0);
        assertTrue(legacyBob.contains("#z6LS"), legacyBob);
        Message m = message(alice.did(), List.of(bob.did()));
        byte[] plain = new MessageCodec(JsonLimits.DEFAULT).write(m);
        String jwe = new Jwe(new StrictJson(JsonLimits.DEFAULT)).encrypt(plain, KeyWrap.ECDH_1PU_A256KW,
                ContentEncryption.A256CBC_HS512, List.of(new VerificationKey(legacyBob, bobKey.publicJwk())),
                legacyAlice, alice.secrets().find(aliceKey.id()).orElseThrow().jwk(), TestIdentities.seeded(73))
                .toString();
        Unpacked u = unpacker.unpack(jwe, bob.secrets());
        assertEquals(m, u.message());
        assertEquals(bobKey.id(), u.metadata().decryptedWithKid());
        assertEquals(legacyAlice, u.metadata().encryptedFromKid());
        PackedMessage p = packer.pack(m, PackOptions.authcrypt(), alice).get(0);
        assertEquals(List.of(bobKey.id()), p.toKids());
        assertEquals(aliceKey.id(), p.fromKid());
    }

    @Test
    void acceptsTheFlattenedJwsSerializationToo() throws Exception {
        LocalIdentity alice = TestIdentities.create(Kind.DID_KEY_P256, TestIdentities.seeded(81));
        LocalIdentity bob = TestIdentities.create(Kind.DID_KEY_P256, TestIdentities.seeded(82));
        Message m = message(alice.did(), List.of(bob.did()));
        com.fasterxml.jackson.databind.node.ObjectNode general = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(packer.pack(m, PackOptions.signed(), alice)
                        .get(0).json());
        com.fasterxml.jackson.databind.node.ObjectNode flat = general.get("signatures").get(0).deepCopy();
        flat.set("payload", general.get("payload"));
        Unpacked u = unpacker.unpack(flat.toString(), bob.secrets());
        assertEquals(m, u.message());
        assertEquals("ES256", u.metadata().signAlg());
        assertTrue(u.metadata().nonRepudiation());
    }
}
