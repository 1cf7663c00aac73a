package dev.parley.mediator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.did.DidCommService;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.did.LocalKeys;
import dev.parley.didcomm.did.ResolvedDid;
import dev.parley.didcomm.did.VerificationKey;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.mediator.KeyUpdate;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.Parties;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DIDComm reference implementation (didcomm-node 0.4.1) as a client of the real mediator, over HTTP:
 * it requests mediation, registers its DID, picks up a message a Parley client forwarded to it, and
 * forwards one back with its own routing-2.0 wrapping. A missing Node.js or didcomm-node fails the test.
 */
class ReferenceClientInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CM2 = "https://didcomm.org/coordinate-mediation/2.0/";
    private static final String PICKUP4 = "https://didcomm.org/message-pickup/4.0/";
    private static final String BASIC = "https://didcomm.org/basicmessage/2.0/message";

    @TempDir
    Path data;

    private Mediator mediator;
    private Process node;
    private OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private int nextId = 1;
    private LocalIdentity ref; // the reference implementation's identity
    private LocalIdentity parley; // a Parley client

    @BeforeEach
    void start() throws Exception {
        Path script = Path.of("src/test/node/mediator-client.js").toAbsolutePath();
        Path module = Path.of("../didcomm-session/src/test/node/node_modules/didcomm-node").toAbsolutePath();
        assertTrue(Files.isDirectory(module), "didcomm-node is not installed at " + module.normalize()
                + "; build didcomm-session first (its build runs npm ci)");
        mediator = Mediator.start(MediatorConfig.local(0, data));
        SecureRandom r = new SecureRandom();
        ref = Parties.party(r, mediator.httpUrl().toString(), mediator.did(), false);
        parley = Parties.party(r, mediator.httpUrl().toString(), mediator.did(), false);
        node = new ProcessBuilder("node", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        stdin = node.getOutputStream();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (java.io.IOException e) {
                lines.add("{\"id\":-1,\"ok\":false,\"error\":\"" + e.getMessage() + "\"}");
            }
        });
        assertEquals("ready", JSON.readTree(take()).path("result").asText());
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            stdin.close();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        mediator.close();
    }

    private String take() throws InterruptedException {
        String l = lines.poll(60, TimeUnit.SECONDS);
        assertTrue(l != null, "no answer from the reference implementation within 60 s");
        return l;
    }

    private JsonNode call(ObjectNode req) throws Exception {
        int id = nextId++;
        req.put("id", id);
        ArrayNode docs = req.putArray("docs");
        for (String did : List.of(mediator.did(), ref.did(), parley.did())) {
            docs.add(didDoc(Parties.RESOLVER.resolve(did)));
        }
        ArrayNode secrets = req.putArray("secrets");
        LocalKeys keys = (LocalKeys) ref.secrets();
        for (String kid : keys.kids()) {
            secrets.addObject().put("id", kid).put("type", "JsonWebKey2020")
                    .set("privateKeyJwk", JSON.valueToTree(keys.find(kid).orElseThrow().jwk().toJSONObject()));
        }
        stdin.write((JSON.writeValueAsString(req) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        JsonNode resp = JSON.readTree(take());
        assertEquals(id, resp.path("id").asInt());
        assertTrue(resp.path("ok").asBoolean(), () -> "reference implementation failed: " + resp.path("error"));
        return resp.path("result");
    }

    /** A request from the reference client to the mediator, answered over return_route. */
    private JsonNode request(String type, ObjectNode body) throws Exception {
        ObjectNode req = JSON.createObjectNode().put("op", "request").put("type", type)
                .put("message_id", UUID.randomUUID().toString()).put("from", ref.did())
                .put("mediator_did", mediator.did()).put("url", mediator.httpUrl().toString());
        req.set("body", body);
        return call(req);
    }

    /** A DID document in didcomm-node's shape (JsonWebKey2020 methods, key ids by reference). */
    private static ObjectNode didDoc(ResolvedDid doc) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", doc.did());
        ArrayNode vms = o.putArray("verificationMethod");
        ArrayNode auth = o.putArray("authentication");
        ArrayNode ka = o.putArray("keyAgreement");
        Set<String> added = new HashSet<>();
        List<VerificationKey> all = new ArrayList<>(doc.authentication());
        all.addAll(doc.keyAgreement());
        doc.authentication().forEach(k -> auth.add(k.id()));
        doc.keyAgreement().forEach(k -> ka.add(k.id()));
        for (VerificationKey k : all) {
            if (added.add(k.id())) {
                vms.addObject().put("id", k.id()).put("type", "JsonWebKey2020").put("controller", doc.did())
                        .set("publicKeyJwk", JSON.valueToTree(k.publicJwk().toJSONObject()));
            }
        }
        ArrayNode services = o.putArray("service");
        for (DidCommService s : doc.services()) {
            ObjectNode ep = services.addObject().put("id", s.id()).put("type", "DIDCommMessaging")
                    .putObject("serviceEndpoint");
            ep.put("uri", s.uri());
            s.accept().forEach(ep.putArray("accept")::add);
            s.routingKeys().forEach(ep.putArray("routingKeys")::add);
        }
        return o;
    }

    @Test
    void referenceClientMediatesRegistersPicksUpAndForwardsThroughTheMediator() throws Exception {
        JsonNode grant = request(CM2 + "mediate-request", JSON.createObjectNode());
        assertEquals(200, grant.path("status").asInt(), grant.toString());
        assertEquals(CM2 + "mediate-grant", grant.at("/reply/type").asText());
        assertEquals(mediator.did(), grant.at("/reply/body/routing_did").asText());
        assertTrue(grant.path("authenticated").asBoolean(), "the reference impl verified the mediator's authcrypt");

        ObjectNode upd = JSON.createObjectNode();
        upd.putArray("updates").addObject().put("recipient_did", ref.did()).put("action", "add");
        JsonNode updated = request(CM2 + "keylist-update", upd);
        assertEquals("success", updated.at("/reply/body/updated/0/result").asText(), updated.toString());

        // A Parley client sends to the reference client through the mediator; the reference client picks up.
        try (MediatorClient p = Parties.client(mediator, parley)) {
            p.requestMediation();
            p.updateKeylist(List.of(KeyUpdate.add(parley.did())));
            p.send(Message.builder(UUID.randomUUID().toString(), BASIC).from(parley.did()).to(List.of(ref.did()))
                    .body(JSON.createObjectNode().put("content", "hello reference")).build());

            JsonNode delivery = request(PICKUP4 + "delivery-request",
                    JSON.createObjectNode().put("message_count_limit", 10));
            assertEquals(PICKUP4 + "delivery", delivery.at("/reply/type").asText(), delivery.toString());
            JsonNode attachments = delivery.at("/reply/attachments");
            assertEquals(1, attachments.size());
            JsonNode opened = call(JSON.createObjectNode().put("op", "open")
                    .put("base64", attachments.get(0).at("/data/base64").asText()));
            assertEquals("hello reference", opened.at("/message/body/content").asText());
            assertEquals(parley.did(), opened.at("/message/from").asText());
            ObjectNode ack = JSON.createObjectNode();
            ack.putArray("message_id_list").add(attachments.get(0).path("id").asText());
            assertEquals(202, request(PICKUP4 + "messages-received", ack).path("status").asInt());
            JsonNode status = request(PICKUP4 + "status-request", JSON.createObjectNode());
            assertEquals(0, status.at("/reply/body/message_count").asInt());

            // The reference client wraps a message for the Parley client in forwards itself and posts it.
            JsonNode sent = call(JSON.createObjectNode().put("op", "send").put("type", BASIC)
                    .put("message_id", UUID.randomUUID().toString()).put("from", ref.did()).put("to", parley.did())
                    .put("url", mediator.httpUrl().toString())
                    .set("body", JSON.createObjectNode().put("content", "hello parley")));
            assertEquals(202, sent.path("status").asInt(), sent.toString());
            assertEquals("", sent.path("body").asText(), "a forward is answered with an empty body");
            List<Unpacked> got = new ArrayList<>();
            assertEquals(1, p.pickup(10, got::add));
            assertEquals("hello parley", got.get(0).message().body().path("content").asText());
            assertEquals(ref.did(), got.get(0).message().from());
        }
    }
}
