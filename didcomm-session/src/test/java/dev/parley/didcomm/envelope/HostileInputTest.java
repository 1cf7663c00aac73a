package dev.parley.didcomm.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import dev.parley.didcomm.TestIdentities;
import dev.parley.didcomm.TestIdentities.Kind;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.did.VerificationKey;
import dev.parley.didcomm.envelope.internal.B64;
import dev.parley.didcomm.envelope.internal.Jwe;
import dev.parley.didcomm.envelope.internal.Jws;
import dev.parley.didcomm.json.JsonLimitExceededException;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.json.MalformedJsonException;
import dev.parley.didcomm.json.StrictJson;
import dev.parley.didcomm.message.InvalidMessageException;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.message.MessageCodec;
import dev.parley.didcomm.problem.DidCommException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile inputs at the unpack edge. Each one must end in its own checked {@link DidCommException} subtype
 * (with a problem code for the reply), never a runtime exception, a stack trace for the user, or a hang.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    /** An edit of a JSON tree that may itself need test fixtures. */
    @FunctionalInterface
    private interface Edit {
        void apply(ObjectNode node) throws Exception;
    }

    private final SecureRandom random = TestIdentities.seeded(99);
    private final LocalIdentity alice = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(901));
    private final LocalIdentity bob = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(902));
    private final LocalIdentity carol = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(903));
    private final LocalIdentity mallory = TestIdentities.create(Kind.DID_KEY_ED25519, TestIdentities.seeded(904));
    private final LocalIdentity bobP256 = TestIdentities.create(Kind.DID_KEY_P256, TestIdentities.seeded(905));
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final StrictJson json = new StrictJson(JsonLimits.DEFAULT);
    private final MessageCodec codec = new MessageCodec(json);
    private final DidCommPacker packer = new DidCommPacker(TestIdentities.RESOLVER, random, JsonLimits.DEFAULT);
    private final DidCommUnpacker unpacker = new DidCommUnpacker(TestIdentities.RESOLVER, clock, JsonLimits.DEFAULT);
    private final Jwe jwe = new Jwe(json);
    private final Jws jws = new Jws(json);
    private int hostileInputs;

    private Message message(LocalIdentity from, String to) {
        return Message.builder("h-1", "https://didcomm.org/basicmessage/2.0/message").from(from.did())
                .to(List.of(to)).createdTime(NOW)
                .body(JsonNodeFactory.instance.objectNode().put("content", "hi")).build();
    }

    private String pack(PackOptions o) throws Exception {
        return packer.pack(message(alice, bob.did()), o, alice).get(0).json();
    }

    private ObjectNode tree(String s) throws Exception {
        return (ObjectNode) MAPPER.readTree(s);
    }

    private String withProtected(String envelope, Edit edit) throws Exception {
        ObjectNode env = tree(envelope);
        ObjectNode ph = (ObjectNode) MAPPER.readTree(B64.decode(env.get("protected").asText(), "test"));
        edit.apply(ph);
        env.put("protected", B64.encode(MAPPER.writeValueAsBytes(ph)));
        return env.toString();
    }

    private String with(String envelope, Edit edit) throws Exception {
        ObjectNode env = tree(envelope);
        edit.apply(env);
        return env.toString();
    }

    private VerificationKey keyAgreement(LocalIdentity id) throws Exception {
        return TestIdentities.RESOLVER.resolve(id.did()).keyAgreement().get(0);
    }

    private VerificationKey authentication(LocalIdentity id) throws Exception {
        return TestIdentities.RESOLVER.resolve(id.did()).authentication().get(0);
    }

    private JWK secret(LocalIdentity id, String kid) {
        return id.secrets().find(kid).orElseThrow().jwk();
    }

    private void expect(Class<? extends DidCommException> type, Callable<String> input, LocalIdentity as)
            throws Exception {
        String in = input.call();
        try {
            unpacker.unpack(in, as.secrets());
            fail("accepted hostile input; expected " + type.getSimpleName());
        } catch (DidCommException e) {
            assertEquals(type, e.getClass(), e.getMessage());
            assertNotNull(e.problemCode());
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            assertTrue(e.problemCode().toString().startsWith("e.p."), e.problemCode().toString());
        }
        hostileInputs++;
    }

    private DynamicTest hostile(String name, Class<? extends DidCommException> type, Callable<String> input) {
        return DynamicTest.dynamicTest(name + " -> " + type.getSimpleName(), () -> expect(type, input, bob));
    }

    private static String zeros(int n) {
        return B64.encode(new byte[n]);
    }

    @Test
    void controlUnmodifiedEnvelopesUnpack() throws Exception {
        for (PackOptions o : List.of(PackOptions.authcrypt(PackOption.SIGN), PackOptions.anoncrypt(ContentEncryption.XC20P))) {
            assertEquals("h-1", unpacker.unpack(pack(o), bob.secrets()).message().id());
        }
    }

    @TestFactory
    Stream<DynamicTest> malformedJsonAndLimits() {
        return Stream.of(
                hostile("not JSON", MalformedJsonException.class, () -> "hello"),
                hostile("empty input", MalformedJsonException.class, () -> ""),
                hostile("top-level array", MalformedJsonException.class, () -> "[1,2]"),
                hostile("top-level string", MalformedJsonException.class, () -> "\"x\""),
                hostile("duplicate key outside", MalformedJsonException.class,
                        () -> "{\"id\":\"1\",\"id\":\"2\",\"type\":\"t\"}"),
                hostile("trailing garbage", MalformedJsonException.class,
                        () -> "{\"id\":\"1\",\"type\":\"t\",\"body\":{}} {}"),
                hostile("truncated JWE", MalformedJsonException.class, () -> {
                    String s = pack(PackOptions.authcrypt());
                    return s.substring(0, s.length() / 2);
                }),
                hostile("deep nesting", JsonLimitExceededException.class,
                        () -> "{\"id\":\"1\",\"type\":\"t\",\"body\":{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}}"),
                hostile("over-limit size", JsonLimitExceededException.class,
                        () -> "{\"id\":\"1\",\"type\":\"t\",\"body\":{\"a\":\"" + "x".repeat(1 << 21) + "\"}}"),
                hostile("overlong number", JsonLimitExceededException.class,
                        () -> "{\"id\":\"1\",\"type\":\"t\",\"created_time\":" + "9".repeat(200) + ",\"body\":{}}"),
                hostile("duplicate key in protected header", MalformedJsonException.class, () -> {
                    ObjectNode env = tree(pack(PackOptions.anoncrypt(ContentEncryption.A256GCM)));
                    String ph = new String(B64.decode(env.get("protected").asText(), "t"), StandardCharsets.UTF_8);
                    env.put("protected", B64.encode(ph.replaceFirst("\\{", "{\"alg\":\"x\",")
                            .getBytes(StandardCharsets.UTF_8)));
                    return env.toString();
                }),
                hostile("duplicate key inside the encrypted plaintext", MalformedJsonException.class, () -> {
                    byte[] dup = "{\"id\":\"1\",\"id\":\"2\",\"type\":\"t\",\"body\":{}}".getBytes(StandardCharsets.UTF_8);
                    return jwe.encrypt(dup, KeyWrap.ECDH_ES_A256KW, ContentEncryption.A256GCM, List.of(keyAgreement(bob)),
                            null, null, random).toString();
                }),
                hostile("to is not an array", MalformedJsonException.class,
                        () -> "{\"id\":\"1\",\"type\":\"t\",\"to\":\"did:x:y\",\"body\":{}}"));
    }

    @TestFactory
    Stream<DynamicTest> badPlaintextMessages() {
        return Stream.of(
                hostile("wrong plaintext typ", InvalidMessageException.class,
                        () -> "{\"id\":\"1\",\"typ\":\"application/json\",\"type\":\"t\",\"body\":{}}"),
                hostile("missing id", InvalidMessageException.class, () -> "{\"type\":\"t\",\"body\":{}}"),
                hostile("missing type", InvalidMessageException.class, () -> "{\"id\":\"1\",\"body\":{}}"),
                hostile("body is an array", InvalidMessageException.class, () -> "{\"id\":\"1\",\"type\":\"t\",\"body\":[]}"),
                hostile("negative created_time", InvalidMessageException.class,
                        () -> "{\"id\":\"1\",\"type\":\"t\",\"created_time\":-5,\"body\":{}}"),
                hostile("attachment with two data forms", InvalidMessageException.class,
                        () -> "{\"id\":\"1\",\"type\":\"t\",\"body\":{},\"attachments\":[{\"data\":{\"json\":{},\"base64\":\"AA\"}}]}"),
                hostile("links attachment without hash", InvalidMessageException.class,
                        () -> "{\"id\":\"1\",\"type\":\"t\",\"body\":{},\"attachments\":[{\"data\":{\"links\":[\"https://x\"]}}]}"),
                hostile("plaintext carrying from_prior", InvalidFromPriorException.class,
                        () -> "{\"id\":\"1\",\"type\":\"t\",\"from\":\"" + alice.did() + "\",\"from_prior\":\"a.b.c\",\"body\":{}}"),
                hostile("expired message", ExpiredMessageException.class, () -> codecJson(
                        message(alice, bob.did()).toBuilder().expiresTime(NOW.minusSeconds(1)).build())),
                hostile("expired exactly now", ExpiredMessageException.class, () -> codecJson(
                        message(alice, bob.did()).toBuilder().expiresTime(NOW).build())));
    }

    private String codecJson(Message m) {
        return new String(codec.write(m), StandardCharsets.UTF_8);
    }

    @TestFactory
    Stream<DynamicTest> badJweHeaders() {
        return Stream.of(
                hostile("wrong JWE typ", InvalidEnvelopeException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ph.put("typ", "application/json"))),
                hostile("missing alg", InvalidEnvelopeException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ph.remove("alg"))),
                hostile("alg RSA-OAEP", UnsupportedAlgorithmException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ph.put("alg", "RSA-OAEP-256"))),
                hostile("alg dir", UnsupportedAlgorithmException.class,
                        () -> withProtected(pack(PackOptions.anoncrypt(ContentEncryption.A256GCM)), ph -> ph.put("alg", "dir"))),
                hostile("alg none", UnsupportedAlgorithmException.class,
                        () -> withProtected(pack(PackOptions.anoncrypt(ContentEncryption.A256GCM)), ph -> ph.put("alg", "none"))),
                hostile("missing enc", InvalidEnvelopeException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ph.remove("enc"))),
                hostile("enc A128GCM", UnsupportedAlgorithmException.class,
                        () -> withProtected(pack(PackOptions.anoncrypt(ContentEncryption.A256GCM)), ph -> ph.put("enc", "A128GCM"))),
                hostile("authcrypt with A256GCM", UnsupportedAlgorithmException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ph.put("enc", "A256GCM"))),
                hostile("missing epk", InvalidEnvelopeException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ph.remove("epk"))),
                hostile("epk with private d", InvalidEnvelopeException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ((ObjectNode) ph.get("epk")).put("d", zeros(32)))),
                hostile("epk all-zero X25519 (small order)", InvalidPublicKeyException.class,
                        () -> withProtected(pack(PackOptions.anoncrypt(ContentEncryption.XC20P)),
                                ph -> ((ObjectNode) ph.get("epk")).put("x", zeros(32)))),
                hostile("epk order-8 X25519 point", InvalidPublicKeyException.class,
                        () -> withProtected(pack(PackOptions.anoncrypt(ContentEncryption.XC20P)),
                                ph -> ((ObjectNode) ph.get("epk")).put("x", B64.encode(java.util.HexFormat.of().parseHex(
                                        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"))))),
                hostile("epk X25519 of wrong length", InvalidPublicKeyException.class,
                        () -> withProtected(pack(PackOptions.anoncrypt(ContentEncryption.XC20P)),
                                ph -> ((ObjectNode) ph.get("epk")).put("x", zeros(31)))),
                hostile("epk on Ed25519", UnsupportedAlgorithmException.class,
                        () -> withProtected(pack(PackOptions.anoncrypt(ContentEncryption.XC20P)),
                                ph -> ((ObjectNode) ph.get("epk")).put("crv", "Ed25519"))),
                hostile("epk P-256 point off the curve", InvalidPublicKeyException.class,
                        () -> withProtected(packP256(), ph -> ((ObjectNode) ph.get("epk")).put("y", B64.encode(onePadded())))),
                hostile("epk of another curve than the recipient key", InvalidPublicKeyException.class,
                        () -> withProtected(pack(PackOptions.anoncrypt(ContentEncryption.A256GCM)),
                                ph -> ph.set("epk", tree(packP256Epk())))),
                hostile("missing apv", InvalidEnvelopeException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ph.remove("apv"))),
                hostile("apv of other recipients", InvalidEnvelopeException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ph.put("apv", zeros(32)))),
                hostile("authcrypt without apu", InvalidEnvelopeException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ph.remove("apu"))),
                hostile("skid that apu does not encode", InvalidEnvelopeException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ph.put("skid", keyAgreementId(mallory)))),
                hostile("anoncrypt naming a sender", InvalidEnvelopeException.class,
                        () -> withProtected(pack(PackOptions.anoncrypt(ContentEncryption.A256GCM)),
                                ph -> ph.put("skid", keyAgreementId(alice)))),
                hostile("crit header", UnsupportedAlgorithmException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ph.putArray("crit").add("exp"))),
                hostile("zip header", UnsupportedAlgorithmException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> ph.put("zip", "DEF"))));
    }

    private String keyAgreementId(LocalIdentity id) {
        try {
            return keyAgreement(id).id();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] onePadded() {
        byte[] b = new byte[32];
        b[31] = 1;
        return b;
    }

    private String packP256() throws Exception {
        return packer.pack(message(alice, bobP256.did()), PackOptions.anoncrypt(ContentEncryption.A256GCM), null)
                .get(0).json();
    }

    private String packP256Epk() throws Exception {
        ObjectNode env = tree(packP256());
        return MAPPER.readTree(B64.decode(env.get("protected").asText(), "t")).get("epk").toString();
    }

    @TestFactory
    Stream<DynamicTest> badJweStructure() {
        return Stream.of(
                hostile("no recipients", InvalidEnvelopeException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> e.putArray("recipients"))),
                hostile("recipient without kid", InvalidEnvelopeException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> ((ObjectNode) e.get("recipients").get(0)).remove("header"))),
                hostile("recipient kid not a DID URL", InvalidEnvelopeException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> ((ObjectNode) e.get("recipients").get(0).get("header"))
                                .put("kid", "key-1"))),
                hostile("more recipients than allowed", InvalidEnvelopeException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> {
                            for (int i = 0; i < Jwe.MAX_RECIPIENTS; i++) {
                                ObjectNode r = e.get("recipients").get(0).deepCopy();
                                ((ObjectNode) r.get("header")).put("kid", bob.did() + "#k" + i);
                                e.withArray("recipients").add(r);
                            }
                        })),
                hostile("same recipient twice", InvalidEnvelopeException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> e.withArray("recipients").add(e.get("recipients").get(0)))),
                hostile("recipients of two DIDs", InvalidEnvelopeException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> {
                            ObjectNode other = e.get("recipients").get(0).deepCopy();
                            ((ObjectNode) other.get("header")).put("kid", keyAgreementId(carol));
                            e.withArray("recipients").add(other);
                        })),
                hostile("unprotected header", InvalidEnvelopeException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> e.putObject("unprotected").put("x", 1))),
                hostile("unknown member aad", InvalidEnvelopeException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> e.put("aad", "AAAA"))),
                hostile("missing iv", MalformedJsonException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> e.remove("iv"))),
                hostile("iv of wrong length", InvalidEnvelopeException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> e.put("iv", zeros(12)))),
                hostile("truncated tag", InvalidEnvelopeException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> e.put("tag", e.get("tag").asText().substring(8)))),
                hostile("truncated ciphertext", DecryptionFailedException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> e.put("ciphertext", e.get("ciphertext").asText()
                                .substring(0, e.get("ciphertext").asText().length() - 22)))),
                hostile("padded base64", InvalidEnvelopeException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> e.put("tag", e.get("tag").asText() + "=="))),
                hostile("non-base64 ciphertext", InvalidEnvelopeException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> e.put("ciphertext", "%%%%"))),
                hostile("encrypted_key truncated", DecryptionFailedException.class,
                        () -> with(pack(PackOptions.authcrypt()), e -> ((ObjectNode) e.get("recipients").get(0))
                                .put("encrypted_key", zeros(24)))));
    }

    @TestFactory
    Stream<DynamicTest> wrongPartiesAndLayers() {
        return Stream.of(
                DynamicTest.dynamicTest("wrong recipient -> NotARecipientException",
                        () -> expect(NotARecipientException.class, () -> pack(PackOptions.authcrypt()), carol)),
                hostile("authcrypt by mallory claiming from alice", SenderMismatchException.class, () -> {
                    VerificationKey mk = keyAgreement(mallory);
                    return jwe.encrypt(codec.write(message(alice, bob.did())), KeyWrap.ECDH_1PU_A256KW,
                            ContentEncryption.A256CBC_HS512, List.of(keyAgreement(bob)), mk.id(), secret(mallory, mk.id()),
                            random).toString();
                }),
                hostile("skid naming an authentication key", KeyNotAuthorizedException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> {
                            String kid = authenticationId(alice);
                            ph.put("skid", kid);
                            ph.put("apu", B64.encode(kid.getBytes(StandardCharsets.UTF_8)));
                        })),
                hostile("skid of an unresolvable DID", DidResolutionException.class,
                        () -> withProtected(pack(PackOptions.authcrypt()), ph -> {
                            String kid = "did:example:nobody#key-1";
                            ph.put("skid", kid);
                            ph.put("apu", B64.encode(kid.getBytes(StandardCharsets.UTF_8)));
                        })),
                DynamicTest.dynamicTest("encrypted to a DID not in to -> RecipientMismatchException",
                        () -> expect(RecipientMismatchException.class, () -> jwe.encrypt(codec.write(message(alice, bob.did())),
                                KeyWrap.ECDH_ES_A256KW, ContentEncryption.A256GCM, List.of(keyAgreement(carol)), null, null,
                                random).toString(), carol)),
                hostile("signed by mallory claiming from alice", SenderMismatchException.class, () -> {
                    VerificationKey mk = authentication(mallory);
                    return jws.sign(codec.write(message(alice, bob.did())), mk.id(), secret(mallory, mk.id()),
                            Jws.MEDIA_TYPE).toString();
                }),
                hostile("signature by another key under alice's kid", SignatureVerificationException.class, () -> {
                    VerificationKey mk = authentication(mallory);
                    return jws.sign(codec.write(message(alice, bob.did())), authenticationId(alice), secret(mallory, mk.id()),
                            Jws.MEDIA_TYPE).toString();
                }),
                hostile("signature kid is a keyAgreement key", KeyNotAuthorizedException.class, () -> {
                    VerificationKey ak = authentication(alice);
                    return jws.sign(codec.write(message(alice, bob.did())), keyAgreementId(alice), secret(alice, ak.id()),
                            Jws.MEDIA_TYPE).toString();
                }),
                hostile("signed envelope wrapping a JWE", InvalidEnvelopeException.class, () -> {
                    VerificationKey ak = authentication(alice);
                    return jws.sign(pack(PackOptions.anoncrypt(ContentEncryption.A256GCM)).getBytes(StandardCharsets.UTF_8),
                            ak.id(), secret(alice, ak.id()), Jws.MEDIA_TYPE).toString();
                }),
                hostile("anoncrypt inside authcrypt", InvalidEnvelopeException.class, () -> {
                    VerificationKey ak = keyAgreement(alice);
                    return jwe.encrypt(pack(PackOptions.anoncrypt(ContentEncryption.A256GCM)).getBytes(StandardCharsets.UTF_8),
                            KeyWrap.ECDH_1PU_A256KW, ContentEncryption.A256CBC_HS512, List.of(keyAgreement(bob)), ak.id(),
                            secret(alice, ak.id()), random).toString();
                }),
                DynamicTest.dynamicTest("more layers than allowed -> JsonLimitExceededException", () -> {
                    DidCommUnpacker strict = new DidCommUnpacker(TestIdentities.RESOLVER, clock,
                            new JsonLimits(1 << 20, 32, 1 << 20, 1));
                    String in = pack(PackOptions.authcrypt(PackOption.PROTECT_SENDER));
                    try {
                        strict.unpack(in, bob.secrets());
                        fail("accepted two layers with a one-layer limit");
                    } catch (JsonLimitExceededException e) {
                        hostileInputs++;
                    }
                }),
                hostile("forged from_prior", InvalidFromPriorException.class, () -> {
                    VerificationKey mk = authentication(mallory);
                    ObjectNode claims = JsonNodeFactory.instance.objectNode().put("iss", carol.did()).put("sub", alice.did())
                            .put("iat", NOW.getEpochSecond());
                    String jwt = jws.signCompact(MAPPER.writeValueAsBytes(claims), authenticationId(carol),
                            secret(mallory, mk.id()), "JWT");
                    return packer.pack(message(alice, bob.did()).toBuilder().fromPrior(jwt).build(), PackOptions.authcrypt(),
                            alice).get(0).json();
                }));
    }

    private String authenticationId(LocalIdentity id) {
        try {
            return authentication(id).id();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> badSignatures() {
        return Stream.of(
                hostile("JWS alg none", UnsupportedAlgorithmException.class,
                        () -> jwsWithHeader("{\"typ\":\"application/didcomm-signed+json\",\"alg\":\"none\"}")),
                hostile("JWS alg HS256", UnsupportedAlgorithmException.class,
                        () -> jwsWithHeader("{\"alg\":\"HS256\"}")),
                hostile("JWS alg ES256 with an Ed25519 key", SignatureVerificationException.class,
                        () -> jwsWithHeader("{\"alg\":\"ES256\"}")),
                hostile("JWS without alg", InvalidEnvelopeException.class,
                        () -> jwsWithHeader("{\"typ\":\"application/didcomm-signed+json\"}")),
                hostile("JWS with wrong typ", InvalidEnvelopeException.class,
                        () -> jwsWithHeader("{\"typ\":\"application/didcomm-encrypted+json\",\"alg\":\"EdDSA\"}")),
                hostile("JWS without kid", InvalidEnvelopeException.class, () -> with(pack(PackOptions.signed()),
                        e -> ((ObjectNode) e.get("signatures").get(0)).remove("header"))),
                hostile("JWS with two signatures", InvalidEnvelopeException.class, () -> with(pack(PackOptions.signed()),
                        e -> e.withArray("signatures").add(e.get("signatures").get(0)))),
                hostile("JWS payload changed", SignatureVerificationException.class, () -> with(pack(PackOptions.signed()),
                        e -> e.put("payload", B64.encode(codec.write(message(alice, carol.did())))))),
                hostile("JWS signature truncated", SignatureVerificationException.class, () -> with(pack(PackOptions.signed()),
                        e -> ((ObjectNode) e.get("signatures").get(0)).put("signature", zeros(10)))));
    }

    private String jwsWithHeader(String header) throws Exception {
        return with(pack(PackOptions.signed()), e -> ((ObjectNode) e.get("signatures").get(0))
                .put("protected", B64.encode(header.getBytes(StandardCharsets.UTF_8))));
    }

    /** Flips each byte of one decoded JWE member in turn; every variant must be rejected with a DIDComm error. */
    private void flipEveryByte(String member, PackOptions o, Set<Class<? extends DidCommException>> allowed)
            throws Exception {
        ObjectNode env = tree(pack(o));
        boolean inRecipient = member.equals("encrypted_key");
        JsonNode holder = inRecipient ? env.get("recipients").get(0) : env;
        byte[] original = B64.decode(holder.get(member).asText(), member);
        int flipped = 0;
        for (int i = 0; i < original.length; i++) {
            byte[] b = original.clone();
            b[i] ^= 0x01;
            ObjectNode copy = env.deepCopy();
            ObjectNode h = inRecipient ? (ObjectNode) copy.get("recipients").get(0) : copy;
            h.put(member, B64.encode(b));
            try {
                unpacker.unpack(copy.toString(), bob.secrets());
                fail("flipping byte " + i + " of " + member + " was accepted");
            } catch (DidCommException e) {
                assertTrue(allowed.contains(e.getClass()), member + "[" + i + "]: " + e.getClass().getSimpleName()
                        + ": " + e.getMessage());
                flipped++;
            }
        }
        assertEquals(original.length, flipped);
        hostileInputs++;
    }

    @Test
    void rejectsEveryFlippedByteOfProtectedHeader() throws Exception {
        flipEveryByte("protected", PackOptions.authcrypt(), Set.of(MalformedJsonException.class,
                InvalidEnvelopeException.class, UnsupportedAlgorithmException.class, InvalidPublicKeyException.class,
                DecryptionFailedException.class, DidResolutionException.class, KeyNotAuthorizedException.class));
    }

    @Test
    void rejectsEveryFlippedByteOfIvCiphertextTagAndEncryptedKey() throws Exception {
        for (PackOptions o : List.of(PackOptions.authcrypt(), PackOptions.anoncrypt(ContentEncryption.A256GCM),
                PackOptions.anoncrypt(ContentEncryption.XC20P))) {
            for (String member : List.of("iv", "ciphertext", "tag", "encrypted_key")) {
                flipEveryByte(member, o, Set.of(DecryptionFailedException.class));
            }
        }
    }

    @Test
    void rejectsEveryFlippedByteOfASignature() throws Exception {
        ObjectNode env = tree(pack(PackOptions.signed()));
        ObjectNode sig = (ObjectNode) env.get("signatures").get(0);
        byte[] original = B64.decode(sig.get("signature").asText(), "sig");
        for (int i = 0; i < original.length; i++) {
            byte[] b = original.clone();
            b[i] ^= (byte) 0x80;
            sig.put("signature", B64.encode(b));
            try {
                unpacker.unpack(env.toString(), bob.secrets());
                fail("flipped signature byte " + i + " accepted");
            } catch (SignatureVerificationException e) {
                assertTrue(e.problemCode().hasPrefix("e.p.trust.crypto"));
            }
        }
        hostileInputs++;
    }

    @AfterAll
    void atLeastFiftyHostileInputsRan() {
        assertTrue(hostileInputs >= 50, "hostile inputs run: " + hostileInputs);
    }
}
