package dev.parley.mediator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.did.crypto.PublicKey;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.ContentEncryption;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Attachment;
import dev.parley.didcomm.message.AttachmentData;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.Parties;
import dev.parley.mediator.protocol.MessageTypes;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol versions and interop traps over the wire: coordinate-mediation 3.0 (routing_did is a list),
 * pickup 3.0 and 4.0 (renamed types and fields, seconds vs milliseconds), forward {@code next} in every
 * DID and key-id form, trust-ping, discover-features, shorten-url with its redirect and JSON answer.
 */
class ProtocolVariantsTest {

    private static final String ENC = "application/didcomm-encrypted+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private Mediator mediator;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SecureRandom random = new SecureRandom();
    private DidCommPacker packer;
    private DidCommUnpacker unpacker;
    private LocalIdentity carol;

    @BeforeEach
    void start() throws Exception {
        mediator = Mediator.start(MediatorConfig.local(0, data));
        packer = new DidCommPacker(Parties.RESOLVER, random, JsonLimits.DEFAULT);
        unpacker = new DidCommUnpacker(Parties.RESOLVER, Clock.systemUTC(), JsonLimits.DEFAULT);
        carol = Parties.party(random, mediator.httpUrl().toString(), mediator.did(), false);
    }

    @AfterEach
    void stop() throws Exception {
        mediator.close();
    }

    private ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Sends an authcrypted request from carol with return_route and returns the opened reply (or null on 202). */
    private Message ask(String type, ObjectNode body) throws Exception {
        Message m = Message.builder(UUID.randomUUID().toString(), type).from(carol.did())
                .to(List.of(mediator.did())).body(body).header("return_route", TextNode.valueOf("all")).build();
        byte[] env = packer.packFor(m, mediator.did(), PackOptions.authcrypt(), carol).json()
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = post(env);
        if (r.statusCode() == 202) {
            return null;
        }
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        Message reply = unpacker.unpack(r.body(), carol.secrets()).message();
        assertEquals(m.id(), reply.thid(), "replies are threaded to the request");
        return reply;
    }

    private HttpResponse<byte[]> post(byte[] env) throws Exception {
        return http.send(HttpRequest.newBuilder(mediator.httpUrl()).header("Content-Type", ENC)
                .POST(HttpRequest.BodyPublishers.ofByteArray(env)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void forward(String next, byte[] payload) throws Exception {
        Message fwd = Message.builder(UUID.randomUUID().toString(), MessageTypes.FORWARD).to(List.of(mediator.did()))
                .body(obj().put("next", next)).attachments(List.of(Attachment.of(null, ENC,
                        new AttachmentData.JsonData(JSON.readTree(payload), null, null)))).build();
        byte[] env = packer.packFor(fwd, mediator.did(), PackOptions.anoncrypt(ContentEncryption.XC20P), null).json()
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = post(env);
        assertEquals(202, r.statusCode());
        assertEquals(0, r.body().length);
    }

    private byte[] innerTo(LocalIdentity to, String text) throws Exception {
        Message m = Message.builder(UUID.randomUUID().toString(), "https://didcomm.org/basicmessage/2.0/message")
                .from(carol.did()).to(List.of(to.did())).body(obj().put("content", text)).build();
        return packer.packFor(m, to.did(), PackOptions.anoncrypt(ContentEncryption.A256GCM), null).json()
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theInvitationLeadsAClientToTheMediatorsEndpoints() throws Exception {
        var invitation = new dev.parley.didcomm.oob.OobLinks().parse(mediator.invitationUrl());
        assertEquals(mediator.did(), invitation.from());
        assertEquals("request-mediate", invitation.goalCode());
        var endpoints = dev.parley.didcomm.mediator.MediatorEndpoints.resolve(invitation.from(), Parties.RESOLVER);
        assertEquals(mediator.httpUrl(), endpoints.http());
        assertEquals(java.util.Optional.of(mediator.wsUrl()), endpoints.webSocket());
        try (var client = dev.parley.didcomm.mediator.MediatorClient.create(endpoints.http(), invitation.from(), carol,
                Parties.RESOLVER)) {
            assertEquals(List.of(mediator.did()), client.requestMediation().routingDids());
        }
    }

    @Test
    void coordinateMediation3GrantsWithARoutingDidListAndManagesRecipients() throws Exception {
        Message grant = ask(MessageTypes.CM3 + "mediate-request", obj());
        assertEquals(MessageTypes.CM3 + "mediate-grant", grant.type());
        assertTrue(grant.body().path("routing_did").isArray(), "3.0 routing_did is a list");
        assertEquals(mediator.did(), grant.body().path("routing_did").get(0).asText());
        ObjectNode upd = obj();
        upd.putArray("updates").addObject().put("recipient_did", carol.did()).put("action", "add");
        Message res = ask(MessageTypes.CM3 + "recipient-update", upd);
        assertEquals(MessageTypes.CM3 + "recipient-update-response", res.type());
        assertEquals("success", res.body().path("updated").get(0).path("result").asText());
        Message list = ask(MessageTypes.CM3 + "recipient-query", obj());
        assertEquals(MessageTypes.CM3 + "recipient", list.type());
        assertEquals(carol.did(), list.body().path("dids").get(0).path("recipient_did").asText());
    }

    @Test
    void coordinateMediation2GrantsWithARoutingDidString() throws Exception {
        Message grant = ask(MessageTypes.CM2 + "mediate-request", obj());
        assertTrue(grant.body().path("routing_did").isTextual(), "2.0 routing_did is a string");
        ObjectNode q = obj();
        q.putObject("paginate").put("limit", 10).put("offset", 0);
        Message list = ask(MessageTypes.CM2 + "keylist-query", q);
        assertEquals(0, list.body().path("keys").size());
        assertEquals(0, list.body().path("pagination").path("remaining").asInt());
    }

    @Test
    void aRecipientRegisteredInOneFormGetsForwardsNamedInEveryOther() throws Exception {
        ask(MessageTypes.CM2 + "mediate-request", obj());
        ObjectNode upd = obj();
        upd.putArray("updates").addObject().put("recipient_did", carol.did()).put("action", "add");
        ask(MessageTypes.CM2 + "keylist-update", upd);
        // Carol's did:peer:2 embeds her X25519 key as "Ez6LS..."; senders may name it in any of these forms.
        String x25519 = carol.did().split("\\.E")[1].split("\\.")[0];
        assertTrue(x25519.startsWith("z6LS"), x25519);
        assertEquals(x25519, PublicKey.fromMultibase(x25519).toMultibase());
        List<String> forms = List.of(carol.did(), carol.did() + "#key-2", carol.did() + "#" + x25519.substring(1),
                "did:key:" + x25519, "did:key:" + x25519 + "#" + x25519, "did:peer:0" + x25519);
        for (String next : forms) {
            forward(next, innerTo(carol, next));
        }
        ObjectNode dr = obj().put("message_count_limit", 100);
        Message delivery = ask(MessageTypes.PICKUP4 + "delivery-request", dr);
        assertEquals(forms.size(), delivery.attachments().size(), "every form reached carol");
        Set<String> texts = new TreeSet<>();
        for (Attachment a : delivery.attachments()) {
            byte[] payload = ((AttachmentData.Base64Data) a.data()).decode();
            texts.add(unpacker.unpack(payload, carol.secrets()).message().body().path("content").asText());
        }
        assertEquals(new TreeSet<>(forms), texts);
    }

    @Test
    void pickup3UsesSecondsLimitAndAStatusWhenEmpty() throws Exception {
        ask(MessageTypes.CM2 + "mediate-request", obj());
        ObjectNode upd = obj();
        upd.putArray("updates").addObject().put("recipient_did", carol.did()).put("action", "add");
        ask(MessageTypes.CM2 + "keylist-update", upd);
        Message empty = ask(MessageTypes.PICKUP3 + "delivery-request", obj().put("limit", 5));
        assertEquals(MessageTypes.PICKUP3 + "status", empty.type(), "3.0 answers an empty queue with a status");
        forward(carol.did(), innerTo(carol, "one"));
        Message st = ask(MessageTypes.PICKUP3 + "status-request", obj());
        assertEquals(1, st.body().path("message_count").asInt());
        long newest = st.body().path("newest_received_time").asLong();
        assertTrue(newest < 10_000_000_000L, "3.0 times are epoch seconds: " + newest);
        assertTrue(st.body().has("longest_waited_seconds"));
        Message d = ask(MessageTypes.PICKUP3 + "delivery-request", obj().put("limit", 5));
        assertEquals(MessageTypes.PICKUP3 + "delivery", d.type());
        ObjectNode ack = obj();
        ack.putArray("message_id_list").add(d.attachments().get(0).id());
        Message after = ask(MessageTypes.PICKUP3 + "messages-received", ack);
        assertEquals(0, after.body().path("message_count").asInt(), "3.0 answers messages-received with a status");
    }

    @Test
    void pickup4UsesMillisecondsAndAnEmptyDelivery() throws Exception {
        ask(MessageTypes.CM2 + "mediate-request", obj());
        ObjectNode upd = obj();
        upd.putArray("updates").addObject().put("recipient_did", carol.did()).put("action", "add");
        ask(MessageTypes.CM2 + "keylist-update", upd);
        Message empty = ask(MessageTypes.PICKUP4 + "delivery-request", obj().put("message_count_limit", 5));
        assertEquals(MessageTypes.PICKUP4 + "delivery", empty.type());
        assertEquals(0, empty.attachments().size());
        forward(carol.did(), innerTo(carol, "one"));
        Message st = ask(MessageTypes.PICKUP4 + "status-request", obj().put("recipient_did", carol.did()));
        assertEquals(carol.did(), st.body().path("recipient_did").asText());
        assertTrue(st.body().path("newest_received_time").asLong() > 10_000_000_000L, "4.0 times are epoch ms");
        Message d = ask(MessageTypes.PICKUP4 + "delivery-request", obj().put("message_count_limit", 5));
        ObjectNode ack = obj();
        ack.putArray("message_id_list").add(d.attachments().get(0).id());
        assertEquals(null, ask(MessageTypes.PICKUP4 + "messages-received", ack), "4.0 needs no answer");
        assertEquals(0, ask(MessageTypes.PICKUP4 + "status-request", obj()).body().path("message_count").asInt());
    }

    @Test
    void pickup3LiveModeDeliversOverTheWebSocketAndNeedsNoAcknowledgement() throws Exception {
        ask(MessageTypes.CM2 + "mediate-request", obj());
        ObjectNode upd = obj();
        upd.putArray("updates").addObject().put("recipient_did", carol.did()).put("action", "add");
        ask(MessageTypes.CM2 + "keylist-update", upd);
        java.util.concurrent.BlockingQueue<String> frames = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.WebSocket ws = http.newWebSocketBuilder().buildAsync(mediator.wsUrl(),
                new java.net.http.WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w,
                            CharSequence text, boolean last) {
                        partial.append(text);
                        if (last) {
                            frames.add(partial.toString());
                            partial.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).join();
        Message change = Message.builder(UUID.randomUUID().toString(), MessageTypes.PICKUP3 + "live-delivery-change")
                .from(carol.did()).to(List.of(mediator.did())).body(obj().put("live_delivery", true)).build();
        ws.sendText(packer.packFor(change, mediator.did(), PackOptions.authcrypt(), carol).json(), true).join();
        Message status = unpacker.unpack(frames.poll(20, java.util.concurrent.TimeUnit.SECONDS), carol.secrets())
                .message();
        assertEquals(MessageTypes.PICKUP3 + "status", status.type());
        assertTrue(status.body().path("live_delivery").asBoolean(), "the status confirms live mode");
        forward(carol.did(), innerTo(carol, "pushed"));
        String pushed = frames.poll(20, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(pushed != null, "no live delivery arrived");
        Message delivery = unpacker.unpack(pushed, carol.secrets()).message();
        assertEquals(MessageTypes.PICKUP3 + "delivery", delivery.type());
        byte[] inner = ((AttachmentData.Base64Data) delivery.attachments().get(0).data()).decode();
        assertEquals("pushed", unpacker.unpack(inner, carol.secrets()).message().body().path("content").asText());
        ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").join();
        // 3.0 live mode delivers instead of queueing: nothing waits in the queue afterwards.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        int left;
        while ((left = ask(MessageTypes.PICKUP4 + "status-request", obj()).body().path("message_count").asInt()) > 0
                && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertEquals(0, left);
    }

    @Test
    void trustPingIsAnsweredAndDiscoverFeaturesListsExactlyWhatIsSupported() throws Exception {
        Message pong = ask("https://didcomm.org/trust-ping/2.0/ping", obj().put("response_requested", true));
        assertEquals("https://didcomm.org/trust-ping/2.0/ping-response", pong.type());
        ObjectNode q = obj();
        q.putArray("queries").addObject().put("feature-type", "protocol").put("match", "https://didcomm.org/*");
        Message disclose = ask(MessageTypes.DISCOVER + "queries", q);
        List<String> ids = new ArrayList<>();
        disclose.body().path("disclosures").forEach(d -> ids.add(d.path("id").asText()));
        assertEquals(List.of("https://didcomm.org/coordinate-mediation/2.0",
                "https://didcomm.org/coordinate-mediation/3.0", "https://didcomm.org/routing/2.0",
                "https://didcomm.org/messagepickup/3.0", "https://didcomm.org/message-pickup/4.0",
                "https://didcomm.org/trust-ping/2.0", "https://didcomm.org/discover-features/2.0",
                "https://didcomm.org/report-problem/2.0", "https://didcomm.org/shorten-url/1.0"), ids);
        ObjectNode narrow = obj();
        narrow.putArray("queries").addObject().put("feature-type", "protocol")
                .put("match", "https://didcomm.org/messagepickup/*");
        assertEquals(1, ask(MessageTypes.DISCOVER + "queries", narrow).body().path("disclosures").size());
    }

    @Test
    void shortLinksRedirectAnswerJsonExpireAndCanBeInvalidated() throws Exception {
        ask(MessageTypes.CM2 + "mediate-request", obj());
        String oob = "{\"type\":\"https://didcomm.org/out-of-band/2.0/invitation\",\"id\":\"i1\"}";
        String longUrl = "https://parley.example/join?_oob="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(oob.getBytes(StandardCharsets.UTF_8));
        Message shortened = ask(MessageTypes.SHORTEN + "request-shortened-url", obj().put("url", longUrl)
                .put("requested_validity_seconds", 600).put("goal_code", "shorten.oobv2"));
        String shortUrl = shortened.body().path("shortened_url").asText();
        assertTrue(shortUrl.startsWith(mediator.httpUrl() + "/s/"), shortUrl);
        assertTrue(shortened.body().path("expires_time").asLong() > 0);
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(java.net.URI.create(shortUrl)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, redirect.statusCode());
        assertEquals(longUrl, redirect.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(java.net.URI.create(shortUrl))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, json.statusCode());
        JsonNode inv = JSON.readTree(json.body());
        assertEquals("i1", inv.path("id").asText(), "JSON asks get the out-of-band message itself");
        Message tooLong = askExpectingProblem(MessageTypes.SHORTEN + "request-shortened-url", obj().put("url", longUrl)
                .put("requested_validity_seconds", 0).put("goal_code", "shorten"));
        assertEquals("e.p.msg.validity-too-long", tooLong.body().path("code").asText());
        Message ack = ask(MessageTypes.SHORTEN + "invalidate-shortened-url", obj().put("shortened_url", shortUrl));
        assertEquals(MessageTypes.EMPTY, ack.type());
        assertEquals(404, http.send(HttpRequest.newBuilder(java.net.URI.create(shortUrl)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private Message askExpectingProblem(String type, ObjectNode body) throws Exception {
        Message m = Message.builder(UUID.randomUUID().toString(), type).from(carol.did())
                .to(List.of(mediator.did())).body(body).header("return_route", TextNode.valueOf("all")).build();
        HttpResponse<byte[]> r = post(packer.packFor(m, mediator.did(), PackOptions.authcrypt(), carol).json()
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        Message p = unpacker.unpack(r.body(), carol.secrets()).message();
        assertEquals(MessageTypes.PROBLEM_REPORT, p.type());
        assertEquals(m.id(), p.pthid());
        return p;
    }
}
