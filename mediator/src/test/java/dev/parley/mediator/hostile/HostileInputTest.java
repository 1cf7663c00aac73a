package dev.parley.mediator.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.ContentEncryption;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.mediator.KeyUpdate;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.message.Attachment;
import dev.parley.didcomm.message.AttachmentData;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.Parties;
import dev.parley.mediator.limit.Limits;
import dev.parley.mediator.metrics.RejectReason;
import dev.parley.mediator.transport.ProxyMode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and malformed input over the wire against a real mediator: each is refused with the right HTTP
 * status and problem code, counted in the metrics, and leaves other clients' state untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final String ENC = "application/didcomm-encrypted+json";
    private static final String CM2 = "https://didcomm.org/coordinate-mediation/2.0/";
    private static final String PICKUP4 = "https://didcomm.org/message-pickup/4.0/";
    private static final String PICKUP3 = "https://didcomm.org/messagepickup/3.0/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 64 * 1024;

    @TempDir
    static Path data;

    private Mediator mediator;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SecureRandom random = new SecureRandom();
    private DidCommPacker packer;
    private DidCommUnpacker unpacker;
    private LocalIdentity alice; // granted, owns her DID
    private LocalIdentity bob; // granted
    private LocalIdentity mallory; // never granted
    private MediatorClient bobClient;

    @BeforeAll
    void start() throws Exception {
        Limits limits = Limits.DEFAULTS.withMaxMessageBytes(MAX_BYTES).withQueue(5, 1 << 20).withRate(1_000, 2_000);
        mediator = Mediator.start(MediatorConfig.local(0, data).withLimits(limits));
        packer = new DidCommPacker(Parties.RESOLVER, random, JsonLimits.DEFAULT);
        unpacker = new DidCommUnpacker(Parties.RESOLVER, Clock.systemUTC(), JsonLimits.DEFAULT);
        String url = mediator.httpUrl().toString();
        alice = Parties.party(random, url, mediator.did(), false);
        bob = Parties.party(random, url, mediator.did(), false);
        mallory = Parties.party(random, url, mediator.did(), false);
        for (LocalIdentity p : List.of(alice, bob)) {
            try (MediatorClient c = Parties.client(mediator, p)) {
                c.requestMediation();
                assertTrue(c.updateKeylist(List.of(KeyUpdate.add(p.did()))).get(0).succeeded());
            }
        }
        bobClient = Parties.client(mediator, bob);
    }

    @AfterAll
    void stop() throws Exception {
        bobClient.close();
        mediator.close();
    }

    // ------------------------------------------------------------------ helpers

    private record Answer(int status, byte[] body, String contentType) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Answer post(byte[] body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(mediator.httpUrl()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    private Answer post(String body) throws Exception {
        return post(body.getBytes(StandardCharsets.UTF_8), ENC);
    }

    private Message request(LocalIdentity from, String type, ObjectNode body) {
        return Message.builder(UUID.randomUUID().toString(), type).from(from.did()).to(List.of(mediator.did()))
                .body(body).header("return_route", TextNode.valueOf("all")).build();
    }

    private byte[] authcrypt(LocalIdentity from, Message m) throws Exception {
        return packer.packFor(m, mediator.did(), PackOptions.authcrypt(), from).json().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] anoncrypt(Message m) throws Exception {
        return packer.packFor(m, mediator.did(), PackOptions.anoncrypt(ContentEncryption.A256GCM), null).json()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The problem code of an answer: plaintext, or encrypted to {@code reader}. */
    private String problemCode(Answer a, LocalIdentity reader) throws Exception {
        JsonNode m;
        if (a.contentType().startsWith("application/didcomm-plain+json")) {
            m = JSON.readTree(a.body());
        } else {
            Message opened = unpacker.unpack(a.body(), reader.secrets()).message();
            m = JSON.valueToTree(java.util.Map.of("type", opened.type(), "body", opened.body()));
        }
        assertTrue(m.path("type").asText().endsWith("problem-report"), "not a problem-report: " + m);
        return m.path("body").path("code").asText();
    }

    private Message replyTo(LocalIdentity reader, Answer a) throws Exception {
        assertEquals(200, a.status(), () -> "status " + a.status() + ": " + a.text());
        return unpacker.unpack(a.body(), reader.secrets()).message();
    }

    private long rejected(RejectReason r) {
        return mediator.metrics().rejectedCount(r);
    }

    private ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }

    private byte[] forwardFor(String next, byte[] inner) throws Exception {
        Message fwd = Message.builder(UUID.randomUUID().toString(), "https://didcomm.org/routing/2.0/forward")
                .to(List.of(mediator.did())).body(obj().put("next", next))
                .attachments(List.of(Attachment.of(null, ENC,
                        new AttachmentData.JsonData(JSON.readTree(inner), null, null)))).build();
        return anoncrypt(fwd);
    }

    private byte[] innerFor(LocalIdentity to) throws Exception {
        Message m = Message.builder(UUID.randomUUID().toString(), "https://didcomm.org/basicmessage/2.0/message")
                .from(alice.did()).to(List.of(to.did())).body(obj().put("content", "hi")).build();
        return packer.packFor(m, to.did(), PackOptions.authcrypt(), alice).json().getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ transport-level garbage

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/json", "application/x-www-form-urlencoded",
        "application/didcomm-encrypted+xml", "multipart/form-data"})
    void refusesBodiesWithAWrongContentType(String contentType) throws Exception {
        long before = rejected(RejectReason.WRONG_CONTENT_TYPE);
        assertEquals(415, post(authcrypt(alice, request(alice, CM2 + "keylist-query", obj())), contentType).status());
        assertEquals(before + 1, rejected(RejectReason.WRONG_CONTENT_TYPE));
    }

    @Test
    void refusesABodyWithoutContentType() throws Exception {
        assertEquals(415, post("{}".getBytes(StandardCharsets.UTF_8), null).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello mediator", "{", "[]", "null", "{\"a\":1,\"a\":2}", "{\"protected\":5}",
        "{\"payload\":\"x\",\"signatures\":7}", "\u0000\u0001\u0002"})
    void refusesNonDidCommBodiesWithAPlainProblemReport(String body) throws Exception {
        Answer a = post(body);
        assertEquals(400, a.status(), a.text());
        assertTrue(a.contentType().startsWith("application/didcomm-plain+json"));
        assertTrue(problemCode(a, alice).startsWith("e."), a.text());
    }

    @Test
    void refusesDeeplyNestedJson() throws Exception {
        String deep = "{\"a\":".repeat(500) + "1" + "}".repeat(500);
        assertEquals(400, post(deep).status());
    }

    @Test
    void answers413BeforeReadingAnOversizedBodyWhole() throws Exception {
        long before = rejected(RejectReason.TOO_LARGE);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), mediator.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: " + ENC + "\r\nContent-Length: 104857600\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]); // 1 KiB of the announced 100 MiB, then we wait for the answer
            out.flush();
            String status = readStatusLine(s.getInputStream());
            assertTrue(status.contains(" 413 "), status);
        }
        assertEquals(before + 1, rejected(RejectReason.TOO_LARGE));
    }

    @Test
    void answers413ToAChunkedBodyOnceItPassesTheLimit() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), mediator.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: " + ENC
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < (MAX_BYTES / chunk.length) + 2; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush(); // no terminating chunk: the mediator must not wait for the end
            String status = readStatusLine(s.getInputStream());
            assertTrue(status.contains(" 413 "), status);
        }
    }

    private static String readStatusLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) {
            line.write(c);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void answers404ToUnknownPathsAndMethods() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(mediator.httpUrl().resolve("/admin")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, get.statusCode());
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(mediator.httpUrl())
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", ENC).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, put.statusCode());
    }

    // ------------------------------------------------------------------ crypto and replay

    @Test
    void refusesEveryTamperedByteOfTheCiphertextWithACryptoProblem() throws Exception {
        byte[] good = authcrypt(alice, request(alice, "https://didcomm.org/trust-ping/2.0/ping", obj()));
        JsonNode env = JSON.readTree(good);
        String ct = env.path("ciphertext").asText();
        int tried = 0;
        for (int i = 0; i < ct.length(); i += Math.max(1, ct.length() / 16)) {
            char[] cs = ct.toCharArray();
            cs[i] = cs[i] == 'A' ? 'B' : 'A';
            ObjectNode bad = env.deepCopy();
            bad.put("ciphertext", new String(cs));
            Answer a = post(JSON.writeValueAsBytes(bad), ENC);
            assertEquals(400, a.status(), "flipped ciphertext char " + i);
            assertTrue(problemCode(a, alice).contains("trust") || problemCode(a, alice).contains("msg"),
                    problemCode(a, alice));
            tried++;
        }
        assertTrue(tried >= 16);
    }

    @Test
    void refusesATamperedTagAndIvAsCryptoFailures() throws Exception {
        long before = rejected(RejectReason.CRYPTO);
        for (String field : List.of("tag", "iv")) {
            ObjectNode env = (ObjectNode) JSON.readTree(authcrypt(alice, request(alice, CM2 + "keylist-query", obj())));
            String v = env.path(field).asText();
            env.put(field, (v.charAt(0) == 'A' ? "B" : "A") + v.substring(1));
            Answer a = post(JSON.writeValueAsBytes(env), ENC);
            assertEquals(400, a.status());
            assertTrue(problemCode(a, alice).startsWith("e.p.trust.crypto"), problemCode(a, alice));
        }
        assertEquals(before + 2, rejected(RejectReason.CRYPTO));
    }

    @Test
    void refusesAnEnvelopeEncryptedForSomeoneElse() throws Exception {
        Message m = request(alice, CM2 + "keylist-query", obj()).toBuilder().to(List.of(bob.did())).build();
        byte[] forBob = packer.packFor(m, bob.did(), PackOptions.authcrypt(), alice).json()
                .getBytes(StandardCharsets.UTF_8);
        Answer a = post(forBob, ENC);
        assertEquals(400, a.status());
        assertTrue(problemCode(a, alice).startsWith("e.p.trust.crypto"), problemCode(a, alice));
    }

    @Test
    void rejectsAReplayedRequestWithItsOwnCode() throws Exception {
        byte[] once = authcrypt(alice, request(alice, CM2 + "keylist-query", obj()));
        assertEquals(200, post(once, ENC).status());
        long before = rejected(RejectReason.REPLAY);
        Answer again = post(once, ENC);
        assertEquals(409, again.status());
        assertEquals("e.m.trust.replay", problemCode(again, alice));
        assertEquals(before + 1, rejected(RejectReason.REPLAY));
    }

    @Test
    void rejectsAReplayedForwardAndQueuesItOnce() throws Exception {
        byte[] fwd = forwardFor(bob.did(), innerFor(bob));
        long queued = bobClient.status().queuedMessages();
        assertEquals(202, post(fwd, ENC).status());
        assertEquals(409, post(fwd, ENC).status());
        assertEquals(queued + 1, bobClient.status().queuedMessages());
        bobClient.pickup(100, u -> { });
    }

    @Test
    void rejectsAnExpiredMessage() throws Exception {
        Message m = request(alice, CM2 + "keylist-query", obj()).toBuilder()
                .expiresTime(Instant.now().minusSeconds(60)).build();
        Answer a = post(authcrypt(alice, m), ENC);
        assertEquals(400, a.status());
        assertTrue(problemCode(a, alice).contains("req.time"), problemCode(a, alice));
    }

    // ------------------------------------------------------------------ protocol misuse

    @Test
    void refusesAnUnknownProtocolWithItsOwnCode() throws Exception {
        long before = rejected(RejectReason.UNSUPPORTED_TYPE);
        Answer a = post(authcrypt(alice, request(alice, "https://didcomm.org/tictactoe/1.0/move", obj())), ENC);
        assertEquals(400, a.status());
        assertEquals("e.m.msg.unsupported-type", problemCode(a, alice));
        assertEquals(before + 1, rejected(RejectReason.UNSUPPORTED_TYPE));
    }

    @Test
    void refusesAnUnknownMessageOfAKnownProtocol() throws Exception {
        Answer a = post(authcrypt(alice, request(alice, CM2 + "delete-everything", obj())), ENC);
        assertEquals("e.m.msg.unsupported-type", problemCode(a, alice));
    }

    @Test
    void refusesAnonymousMediationRequests() throws Exception {
        Answer anon = post(anoncrypt(request(mallory, CM2 + "mediate-request", obj())), ENC);
        assertEquals(401, anon.status());
        assertEquals("e.p.trust.not-authenticated", problemCode(anon, mallory));
        Message plain = request(mallory, CM2 + "mediate-request", obj());
        Answer p = post(new dev.parley.didcomm.message.MessageCodec(JsonLimits.DEFAULT).write(plain),
                "application/didcomm-plain+json");
        assertEquals(401, p.status());
    }

    @Test
    void keylistUpdateCannotTakeAKeyAnotherClientOwns() throws Exception {
        ObjectNode body = obj();
        body.putArray("updates").addObject().put("recipient_did", alice.did()).put("action", "add");
        Message reply = replyTo(bob, post(authcrypt(bob, request(bob, CM2 + "keylist-update", body)), ENC));
        assertEquals("client_error", reply.body().path("updated").get(0).path("result").asText());
        ObjectNode remove = obj();
        remove.putArray("updates").addObject().put("recipient_did", alice.did()).put("action", "remove");
        Message r2 = replyTo(bob, post(authcrypt(bob, request(bob, CM2 + "keylist-update", remove)), ENC));
        assertEquals("client_error", r2.body().path("updated").get(0).path("result").asText());
        // Alice's key still routes to Alice.
        try (MediatorClient a = Parties.client(mediator, alice)) {
            assertEquals(List.of(alice.did()), a.queryKeylist());
        }
    }

    @Test
    void keylistUpdateRejectsMalformedEntriesOneByOne() throws Exception {
        ObjectNode body = obj();
        var updates = body.putArray("updates");
        updates.addObject().put("recipient_did", "not a did").put("action", "add");
        updates.addObject().put("recipient_did", "did:web:example.com").put("action", "add");
        updates.addObject().put("recipient_did", "did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc")
                .put("action", "steal");
        updates.addObject().put("action", "add");
        Message reply = replyTo(bob, post(authcrypt(bob, request(bob, CM2 + "keylist-update", body)), ENC));
        List<String> results = new ArrayList<>();
        reply.body().path("updated").forEach(u -> results.add(u.path("result").asText()));
        assertEquals(List.of("client_error", "client_error", "client_error", "client_error"), results);
    }

    @Test
    void keylistUpdateRefusesTooManyUpdatesAtOnce() throws Exception {
        ObjectNode body = obj();
        var updates = body.putArray("updates");
        for (int i = 0; i < 101; i++) {
            updates.addObject().put("recipient_did", "did:key:z6Mk" + i).put("action", "add");
        }
        assertEquals(400, post(authcrypt(bob, request(bob, CM2 + "keylist-update", body)), ENC).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {CM2 + "keylist-update", CM2 + "keylist-query", PICKUP4 + "status-request",
        PICKUP4 + "delivery-request", PICKUP3 + "delivery-request", PICKUP4 + "messages-received",
        PICKUP4 + "live-delivery-change", "https://didcomm.org/shorten-url/1.0/request-shortened-url"})
    void aDidWithoutMediationCanNeitherManageKeysNorPickUp(String type) throws Exception {
        long before = rejected(RejectReason.NOT_AUTHORIZED);
        ObjectNode body = obj();
        body.putArray("updates").addObject().put("recipient_did", mallory.did()).put("action", "add");
        body.put("limit", 10).put("message_count_limit", 10).put("live_delivery", true);
        body.putArray("message_id_list").add("x");
        Answer a = post(authcrypt(mallory, request(mallory, type, body)), ENC);
        assertEquals(403, a.status());
        assertEquals("e.p.trust.not-mediated", problemCode(a, mallory));
        assertEquals(before + 1, rejected(RejectReason.NOT_AUTHORIZED));
    }

    @Test
    void messagesReceivedForSomeoneElsesIdsDeletesNothing() throws Exception {
        assertEquals(202, post(forwardFor(bob.did(), innerFor(bob)), ENC).status());
        ObjectNode dr = obj().put("message_count_limit", 10);
        Message delivery = replyTo(bob, post(authcrypt(bob, request(bob, PICKUP4 + "delivery-request", dr)), ENC));
        List<String> bobsIds = delivery.attachments().stream().map(Attachment::id).toList();
        assertTrue(!bobsIds.isEmpty());
        ObjectNode ack = obj();
        bobsIds.forEach(ack.putArray("message_id_list")::add);
        assertEquals(202, post(authcrypt(alice, request(alice, PICKUP4 + "messages-received", ack)), ENC).status());
        assertEquals(bobsIds.size(), bobClient.status().queuedMessages(), "alice cannot delete bob's messages");
        bobClient.pickup(100, u -> { });
    }

    @Test
    void statusForSomeoneElsesRecipientIsRefused() throws Exception {
        Answer a = post(authcrypt(bob, request(bob, PICKUP4 + "status-request",
                obj().put("recipient_did", alice.did()))), ENC);
        assertEquals(403, a.status());
        assertEquals("e.m.trust.not-your-recipient", problemCode(a, bob));
    }

    @Test
    void liveModeOverPlainHttpIsNotSupported() throws Exception {
        Answer a = post(authcrypt(bob, request(bob, PICKUP3 + "live-delivery-change",
                obj().put("live_delivery", true))), ENC);
        assertEquals(400, a.status());
        assertEquals("e.m.live-mode-not-supported", problemCode(a, bob));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"message_count_limit\":0}", "{\"message_count_limit\":-5}",
        "{\"message_count_limit\":\"ten\"}"})
    void deliveryRequestNeedsAPositiveLimit(String body) throws Exception {
        Answer a = post(authcrypt(bob, request(bob, PICKUP4 + "delivery-request", (ObjectNode) JSON.readTree(body))),
                ENC);
        assertEquals(400, a.status());
        assertEquals("e.m.msg.limit", problemCode(a, bob));
    }

    @Test
    void aForwardToAnUnknownRecipientIsDroppedAndCounted() throws Exception {
        long before = rejected(RejectReason.UNKNOWN_RECIPIENT);
        Answer a = post(forwardFor("did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc", innerFor(bob)), ENC);
        assertEquals(202, a.status());
        assertEquals(0, a.body().length, "a forward is answered 2xx with an empty body");
        assertEquals(before + 1, rejected(RejectReason.UNKNOWN_RECIPIENT));
    }

    @Test
    void aPlaintextForwardIsRefusedBecauseItWouldExposeItsNextHop() throws Exception {
        Message fwd = Message.builder(UUID.randomUUID().toString(), "https://didcomm.org/routing/2.0/forward")
                .body(obj().put("next", bob.did())).attachments(List.of(Attachment.of(null, ENC,
                        new AttachmentData.JsonData(JSON.readTree(innerFor(bob)), null, null)))).build();
        Answer a = post(new dev.parley.didcomm.message.MessageCodec(JsonLimits.DEFAULT).write(fwd),
                "application/didcomm-plain+json");
        assertEquals(400, a.status());
        assertEquals("e.m.msg.forward.not-encrypted", problemCode(a, bob));
    }

    @Test
    void aClientCannotRegisterMoreKeysThanItsQuota(@TempDir Path quotaData) throws Exception {
        try (Mediator m = Mediator.start(MediatorConfig.local(0, quotaData)
                .withLimits(Limits.DEFAULTS.withMaxKeysPerClient(2)))) {
            LocalIdentity carol = Parties.party(random, m.httpUrl().toString(), m.did(), false);
            try (MediatorClient c = Parties.client(m, carol)) {
                c.requestMediation();
                List<KeyUpdate> res = c.updateKeylist(List.of(KeyUpdate.add(carol.did()),
                        KeyUpdate.add("did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc"),
                        KeyUpdate.add("did:key:z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F")));
                assertEquals(List.of("success", "success", "client_error"),
                        res.stream().map(KeyUpdate::result).toList());
                assertEquals(2, c.queryKeylist().size());
            }
            assertEquals(1, m.metrics().messagesInCount("coordinate-mediation-2/keylist-update"));
        }
    }

    @Test
    void aForwardWithoutNextOrAttachmentsIsRefused() throws Exception {
        Message noNext = Message.builder(UUID.randomUUID().toString(), "https://didcomm.org/routing/2.0/forward")
                .to(List.of(mediator.did())).body(obj()).build();
        assertEquals(400, post(anoncrypt(noNext), ENC).status());
        Message noAttachments = Message.builder(UUID.randomUUID().toString(),
                "https://didcomm.org/routing/2.0/forward").to(List.of(mediator.did()))
                .body(obj().put("next", bob.did())).build();
        assertEquals(400, post(anoncrypt(noAttachments), ENC).status());
    }

    @Test
    void aFullQueueRefusesForwardsWith507UntilPickedUp() throws Exception {
        bobClient.pickup(100, u -> { });
        for (int i = 0; i < 5; i++) {
            assertEquals(202, post(forwardFor(bob.did(), innerFor(bob)), ENC).status());
        }
        long before = rejected(RejectReason.QUEUE_FULL);
        Answer full = post(forwardFor(bob.did(), innerFor(bob)), ENC);
        assertEquals(507, full.status());
        assertEquals(before + 1, rejected(RejectReason.QUEUE_FULL));
        assertEquals(5, bobClient.pickup(100, u -> { }));
        assertEquals(202, post(forwardFor(bob.did(), innerFor(bob)), ENC).status());
        bobClient.pickup(100, u -> { });
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "wss://x.example/?_oob=e30", "not a url", "https:///nohost"})
    void shortenUrlRefusesUnsafeOrInvalidUrls(String url) throws Exception {
        ObjectNode body = obj().put("url", url).put("requested_validity_seconds", 60).put("goal_code", "shorten");
        Answer a = post(authcrypt(bob, request(bob, "https://didcomm.org/shorten-url/1.0/request-shortened-url", body)),
                ENC);
        assertEquals(400, a.status());
        assertTrue(problemCode(a, bob).startsWith("e.p.msg.invalid"), problemCode(a, bob));
    }

    @Test
    void healthAndMetricsAnswerWhileUnderAttack() throws Exception {
        HttpResponse<String> h = http.send(HttpRequest.newBuilder(mediator.httpUrl().resolve("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, h.statusCode());
        HttpResponse<String> m = http.send(HttpRequest.newBuilder(mediator.httpUrl().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(m.body().contains("parley_mediator_rejected_total{reason=\"wrong_content_type\"}"));
        assertTrue(m.body().contains("parley_mediator_queue_depth"));
        assertNotNull(m.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void aFloodFromOneAddressIsThrottledWhileAnotherAddressIsServed(@TempDir Path floodData) throws Exception {
        Limits tight = Limits.DEFAULTS.withRate(5, 10);
        try (Mediator m = Mediator.start(new MediatorConfig(new java.net.InetSocketAddress("0.0.0.0", 0), floodData,
                java.util.Optional.empty(), ProxyMode.DIRECT, java.util.Optional.empty(), tight, java.time.Duration.ofSeconds(30), Clock.systemUTC(), random))) {
            int throttled = 0;
            for (int i = 0; i < 60; i++) {
                if (rawPost("127.0.0.1", m.port()).contains(" 429 ")) {
                    throttled++;
                }
            }
            assertTrue(throttled >= 40, "the flooding address was throttled " + throttled + " times of 60");
            String other = rawPost("127.0.0.2", m.port());
            assertTrue(!other.contains(" 429 "), "another address is still served: " + other);
            assertTrue(m.metrics().rejectedCount(RejectReason.RATE_LIMITED) >= 40);
        }
    }

    @Test
    void aForgedForwardedForHeaderDoesNotEscapeTheRateLimitUnlessBehindATrustedProxy(@TempDir Path d1,
            @TempDir Path d2) throws Exception {
        Limits tight = Limits.DEFAULTS.withRate(5, 10);
        for (ProxyMode mode : ProxyMode.values()) {
            Path dir = mode == ProxyMode.DIRECT ? d1 : d2;
            try (Mediator m = Mediator.start(new MediatorConfig(new java.net.InetSocketAddress("127.0.0.1", 0), dir,
                    java.util.Optional.empty(), mode, java.util.Optional.empty(), tight, java.time.Duration.ofSeconds(30), Clock.systemUTC(),
                    random))) {
                int throttled = 0;
                for (int i = 0; i < 40; i++) {
                    String forged = "X-Forwarded-For: 10.9." + (i / 250) + "." + (i % 250 + 1) + "\r\n";
                    if (rawPost("127.0.0.1", m.port(), forged).contains(" 429 ")) {
                        throttled++;
                    }
                }
                if (mode == ProxyMode.DIRECT) {
                    assertTrue(throttled >= 25, "forged headers must not reset the limit: " + throttled);
                } else {
                    assertEquals(0, throttled, "behind a trusted proxy each forwarded client has its own bucket");
                }
            }
        }
    }

    /** One POST of a non-DIDComm body from {@code sourceAddress}; returns the status line. */
    private static String rawPost(String sourceAddress, int port) throws Exception {
        return rawPost(sourceAddress, port, "");
    }

    private static String rawPost(String sourceAddress, int port, String extraHeaders) throws Exception {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(sourceAddress), 0)) {
            s.setSoTimeout(10_000);
            byte[] body = "{}".getBytes(StandardCharsets.US_ASCII);
            s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " + ENC
                    + "\r\n" + extraHeaders + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            return readStatusLine(s.getInputStream());
        }
    }
}
