package dev.parley.didcomm.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.TestIdentities;
import dev.parley.didcomm.TestIdentities.Kind;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.did.ResolvedDid;
import dev.parley.didcomm.envelope.ContentEncryption;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.Mode;
import dev.parley.didcomm.envelope.PackOption;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.PackedMessage;
import dev.parley.didcomm.envelope.SenderMismatchException;
import dev.parley.didcomm.envelope.UnpackMetadata;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.message.MessageCodec;
import dev.parley.didcomm.routing.ForwardRequest;
import dev.parley.didcomm.routing.ForwardUnwrapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interop with the DIDComm reference implementation in both directions, for every mode x algorithm x
 * key type x DID method x one or several recipients (DIDs and keys), and through routing 2.0 forwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteropTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    /** A pack mode as both implementations spell it. */
    enum Case {
        PLAIN(PackOptions.plain(), null),
        SIGNED(PackOptions.signed(), null),
        ANON_A256CBC(PackOptions.anoncrypt(ContentEncryption.A256CBC_HS512), "A256cbcHs512EcdhEsA256kw"),
        ANON_A256GCM(PackOptions.anoncrypt(ContentEncryption.A256GCM), "A256gcmEcdhEsA256kw"),
        ANON_XC20P(PackOptions.anoncrypt(ContentEncryption.XC20P), "Xc20pEcdhEsA256kw"),
        ANON_SIGNED(PackOptions.anoncrypt(ContentEncryption.XC20P, PackOption.SIGN), "Xc20pEcdhEsA256kw"),
        AUTH(PackOptions.authcrypt(), "A256cbcHs512EcdhEsA256kw"),
        AUTH_SIGNED(PackOptions.authcrypt(PackOption.SIGN), "A256cbcHs512EcdhEsA256kw"),
        AUTH_PROTECTED(PackOptions.authcrypt(PackOption.PROTECT_SENDER), "A256cbcHs512EcdhEsA256kw"),
        AUTH_SIGNED_PROTECTED(PackOptions.authcrypt(PackOption.SIGN, PackOption.PROTECT_SENDER),
                "A256cbcHs512EcdhEsA256kw");

        final PackOptions options;
        final String referenceAnonAlg;

        Case(PackOptions options, String referenceAnonAlg) {
            this.options = options;
            this.referenceAnonAlg = referenceAnonAlg;
        }

        boolean signed() {
            return options.mode() == Mode.SIGNED || options.has(PackOption.SIGN);
        }
    }

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final DidCommPacker packer = new DidCommPacker(TestIdentities.RESOLVER, TestIdentities.seeded(7),
            JsonLimits.DEFAULT);
    private final DidCommUnpacker unpacker = new DidCommUnpacker(TestIdentities.RESOLVER, clock, JsonLimits.DEFAULT);
    private final MessageCodec codec = new MessageCodec(JsonLimits.DEFAULT);
    private ReferenceImplementation ref;

    @BeforeAll
    void start() throws Exception {
        ref = new ReferenceImplementation();
    }

    @AfterAll
    void stop() throws Exception {
        ref.close();
    }

    private static Message message(LocalIdentity from, List<String> to, String id) {
        return Message.builder(id, "https://didcomm.org/basicmessage/2.0/message")
                .from(from.did()).to(to).createdTime(NOW).expiresTime(NOW.plusSeconds(3600))
                .body(JsonNodeFactory.instance.objectNode().put("content", "interop \u263a " + id))
                .build();
    }

    private static List<ResolvedDid> docs(LocalIdentity... ids) throws Exception {
        List<ResolvedDid> out = new ArrayList<>();
        for (LocalIdentity i : ids) {
            out.add(TestIdentities.RESOLVER.resolve(i.did()));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void parleyPacksAndTheReferenceUnpacks(Kind kind) throws Exception {
        LocalIdentity alice = TestIdentities.create(kind, TestIdentities.seeded(100 + kind.ordinal()));
        LocalIdentity bob = TestIdentities.create(kind, TestIdentities.seeded(200 + kind.ordinal()));
        LocalIdentity carol = TestIdentities.create(kind, TestIdentities.seeded(300 + kind.ordinal()));
        AtomicInteger parleyToReference = new AtomicInteger();
        for (Case c : Case.values()) {
            for (List<LocalIdentity> recipients : List.of(List.of(bob), List.of(bob, carol))) {
                Message m = message(alice, recipients.stream().map(LocalIdentity::did).toList(), c.name());
                List<PackedMessage> packed = packer.pack(m, c.options, alice);
                for (int i = 0; i < packed.size(); i++) {
                    LocalIdentity to = c.options.mode() == Mode.PLAIN || c.options.mode() == Mode.SIGNED
                            ? bob : recipients.get(i);
                    ObjectNode req = ReferenceImplementation.request("unpack").put("packed", packed.get(i).json());
                    JsonNode r = ref.call(req, docs(alice, bob, carol), List.of(to));
                    String where = kind + "/" + c + "/" + recipients.size();
                    assertEquals(m.id(), r.at("/message/id").asText(), where);
                    assertEquals(m.body(), r.at("/message/body"), where);
                    assertEquals(alice.did(), r.at("/message/from").asText(), where);
                    JsonNode meta = r.get("meta");
                    assertEquals(c.signed(), meta.get("non_repudiation").asBoolean(), where);
                    assertEquals(c.options.mode() == Mode.ANONCRYPT || c.options.mode() == Mode.AUTHCRYPT,
                            meta.get("encrypted").asBoolean(), where);
                    assertEquals(c.options.mode() == Mode.AUTHCRYPT || c.signed(),
                            meta.get("authenticated").asBoolean(), where);
                    if (c.options.mode() == Mode.AUTHCRYPT) {
                        assertEquals(packed.get(i).fromKid(), meta.get("encrypted_from_kid").asText(), where);
                    }
                    if (c.signed()) {
                        assertEquals(packed.get(i).signByKid(), meta.get("sign_from").asText(), where);
                    }
                    if (c.options.mode() == Mode.ANONCRYPT || c.options.mode() == Mode.AUTHCRYPT) {
                        List<String> toKids = new ArrayList<>();
                        meta.get("encrypted_to_kids").forEach(k -> toKids.add(k.asText()));
                        assertEquals(packed.get(i).toKids(), toKids, where);
                    }
                    parleyToReference.incrementAndGet();
                }
                if (packed.size() == 1 && recipients.size() == 2) {
                    parleyToReference.incrementAndGet();
                }
            }
        }
        // Per case: one recipient, then two recipient DIDs (plain and signed: one envelope, counted twice).
        assertEquals(Case.values().length * 3, parleyToReference.get(), "Parley -> reference envelopes checked");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theReferencePacksAndParleyUnpacks(Kind kind) throws Exception {
        LocalIdentity alice = TestIdentities.create(kind, TestIdentities.seeded(400 + kind.ordinal()));
        LocalIdentity bob = TestIdentities.create(kind, TestIdentities.seeded(500 + kind.ordinal()));
        LocalIdentity carol = TestIdentities.create(kind, TestIdentities.seeded(600 + kind.ordinal()));
        AtomicInteger referenceToParley = new AtomicInteger();
        for (Case c : Case.values()) {
            for (List<LocalIdentity> recipients : List.of(List.of(bob), List.of(bob, carol))) {
                Message m = message(alice, recipients.stream().map(LocalIdentity::did).toList(), c.name());
                ObjectNode msgJson = codec.toTree(m);
                List<LocalIdentity> targets = c.options.mode() == Mode.PLAIN || c.options.mode() == Mode.SIGNED
                        ? List.of(bob) : recipients;
                for (LocalIdentity to : targets) {
                    ObjectNode req;
                    switch (c.options.mode()) {
                        case PLAIN -> req = ReferenceImplementation.request("pack_plaintext");
                        case SIGNED -> req = ReferenceImplementation.request("pack_signed").put("sign_by", alice.did());
                        default -> {
                            req = ReferenceImplementation.request("pack_encrypted").put("to", to.did());
                            if (c.options.mode() == Mode.AUTHCRYPT) {
                                req.put("from", alice.did());
                            }
                            if (c.signed()) {
                                req.put("sign_by", alice.did());
                            }
                            req.putObject("options").put("forward", false)
                                    .put("protect_sender", c.options.has(PackOption.PROTECT_SENDER))
                                    .put("enc_alg_anon", c.referenceAnonAlg);
                        }
                    }
                    req.set("message", msgJson);
                    JsonNode r = ref.call(req, docs(alice, bob, carol), List.of(alice));
                    Unpacked u = unpacker.unpack(r.get("packed").asText(), to.secrets());
                    String where = kind + "/" + c + "/" + recipients.size();
                    assertEquals(m, u.message(), where);
                    UnpackMetadata md = u.metadata();
                    assertEquals(c.signed(), md.nonRepudiation(), where);
                    assertEquals(c.options.mode() == Mode.AUTHCRYPT || c.signed(), md.authenticated(), where);
                    if (c.options.mode() == Mode.AUTHCRYPT) {
                        assertEquals(r.at("/meta/from_kid").asText(), md.encryptedFromKid(), where);
                    }
                    if (c.options.mode() == Mode.ANONCRYPT || c.options.mode() == Mode.AUTHCRYPT) {
                        List<String> toKids = new ArrayList<>();
                        r.at("/meta/to_kids").forEach(k -> toKids.add(k.asText()));
                        assertEquals(toKids, md.encryptedToKids(), where);
                        assertTrue(toKids.contains(md.decryptedWithKid()), where);
                    }
                    referenceToParley.incrementAndGet();
                }
                if (targets.size() == 1 && recipients.size() == 2) {
                    referenceToParley.incrementAndGet();
                }
            }
        }
        assertEquals(Case.values().length * 3, referenceToParley.get(), "reference -> Parley envelopes checked");
    }

    private static final List<Case> FORWARD_CASES = List.of(Case.AUTH, Case.ANON_XC20P, Case.AUTH_SIGNED_PROTECTED);

    @Test
    void parleyForwardsThroughTwoReferenceMediatorsToAReferenceRecipient() throws Exception {
        LocalIdentity m1 = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(701));
        LocalIdentity m2 = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(704));
        String k1 = TestIdentities.RESOLVER.resolve(m1.did()).keyAgreement().get(0).id();
        String k2 = TestIdentities.RESOLVER.resolve(m2.did()).keyAgreement().get(0).id();
        LocalIdentity alice = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(702));
        LocalIdentity bob = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(703), List.of(k1, k2));
        int ran = 0;
        for (Case c : FORWARD_CASES) {
            Message m = message(alice, List.of(bob.did()), "fwd-" + c);
            PackOptions o = new PackOptions(c.options.mode(), c.options.encryption(),
                    java.util.EnumSet.copyOf(plus(c.options.options(), PackOption.FORWARD)));
            PackedMessage p = packer.pack(m, o, alice).get(0);
            assertEquals("https://mediator.example/didcomm", p.serviceEndpoint());
            List<ResolvedDid> docs = docs(alice, bob, m1, m2);
            JsonNode hop1 = ref.call(ReferenceImplementation.request("unpack").put("packed", p.json()), docs, List.of(m1));
            assertEquals(k2, hop1.at("/forward/next").asText(), hop1.toString());
            JsonNode hop2 = ref.call(ReferenceImplementation.request("unpack")
                    .put("packed", hop1.at("/forward/forwarded_msg").toString()), docs, List.of(m2));
            assertEquals(bob.did(), hop2.at("/forward/next").asText(), hop2.toString());
            JsonNode atBob = ref.call(ReferenceImplementation.request("unpack")
                    .put("packed", hop2.at("/forward/forwarded_msg").toString()), docs, List.of(bob));
            assertEquals(m.id(), atBob.at("/message/id").asText());
            assertEquals(c.signed(), atBob.at("/meta/non_repudiation").asBoolean());
            ran++;
        }
        assertEquals(FORWARD_CASES.size(), ran);
    }

    private static java.util.Set<PackOption> plus(java.util.Set<PackOption> s, PackOption o) {
        java.util.Set<PackOption> out = new java.util.HashSet<>(s);
        out.add(o);
        return out;
    }

    @Test
    void theReferenceForwardsThroughTwoParleyMediatorsToAParleyRecipient() throws Exception {
        LocalIdentity m1 = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(711));
        LocalIdentity m2 = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(714));
        String k1 = TestIdentities.RESOLVER.resolve(m1.did()).keyAgreement().get(0).id();
        String k2 = TestIdentities.RESOLVER.resolve(m2.did()).keyAgreement().get(0).id();
        LocalIdentity alice = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(712));
        LocalIdentity bob = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(713), List.of(k1, k2));
        ForwardUnwrapper mediator = new ForwardUnwrapper(TestIdentities.RESOLVER, clock, JsonLimits.DEFAULT);
        int ran = 0;
        for (Case c : FORWARD_CASES) {
            Message m = message(alice, List.of(bob.did()), "fwd-" + c);
            ObjectNode req = ReferenceImplementation.request("pack_encrypted").put("to", bob.did());
            if (c.options.mode() == Mode.AUTHCRYPT) {
                req.put("from", alice.did());
            }
            if (c.signed()) {
                req.put("sign_by", alice.did());
            }
            req.putObject("options").put("forward", true).put("protect_sender", c.options.has(PackOption.PROTECT_SENDER))
                    .put("enc_alg_anon", c.referenceAnonAlg);
            req.set("message", codec.toTree(m));
            JsonNode r = ref.call(req, docs(alice, bob, m1, m2), List.of(alice));
            ForwardRequest hop1 = mediator.unwrap(r.get("packed").asText(), m1.secrets());
            assertEquals(k2, hop1.next());
            ForwardRequest hop2 = mediator.unwrap(hop1.payload(), m2.secrets());
            assertEquals(bob.did(), hop2.next());
            Unpacked u = unpacker.unpack(hop2.payload(), bob.secrets());
            assertEquals(m, u.message());
            assertEquals(c.signed(), u.metadata().nonRepudiation());
            ran++;
        }
        assertEquals(FORWARD_CASES.size(), ran);
    }

    @Test
    void parleyRejectsASignedMessageWhoseFromIsNotTheSignerThoughTheReferenceAcceptsIt() throws Exception {
        LocalIdentity alice = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(721));
        LocalIdentity mallory = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(722));
        LocalIdentity bob = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(723));
        Message m = message(alice, List.of(bob.did()), "forged-1");
        ObjectNode req = ReferenceImplementation.request("pack_signed").put("sign_by", mallory.did());
        req.set("message", codec.toTree(m));
        JsonNode packed = ref.call(req, docs(alice, bob, mallory), List.of(mallory));
        JsonNode accepted = ref.call(ReferenceImplementation.request("unpack").put("packed", packed.get("packed").asText()),
                docs(alice, bob, mallory), List.of(bob));
        assertEquals(alice.did(), accepted.at("/message/from").asText(), "the reference accepts the forged from");
        assertThrows(SenderMismatchException.class,
                () -> unpacker.unpack(packed.get("packed").asText(), bob.secrets()));
    }
}
