package dev.parley.mediator.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.Parties;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * relay/1.0 as raw DIDComm against a real mediator: discovery, replay and threading, which the client hides. Each
 * request is authcrypted by hand with {@code return_route: all} and POSTed.
 */
class RelayProtocolOnTheWireTest {
    private static final String ENC = "application/didcomm-encrypted+json";

    private final SecureRandom random = new SecureRandom();
    private final DidCommPacker packer = new DidCommPacker(Parties.RESOLVER, random, JsonLimits.DEFAULT);
    private final DidCommUnpacker unpacker = new DidCommUnpacker(Parties.RESOLVER, Clock.systemUTC(),
            JsonLimits.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;
    private Mediator mediator;
    private LocalIdentity alice;

    @BeforeEach
    void start() throws Exception {
        mediator = Mediator.start(MediatorConfig.local(0, data));
        alice = Parties.party(random, mediator.httpUrl().toString(), mediator.did(), false);
        try (var client = Parties.client(mediator, alice)) {
            client.requestMediation();
        }
    }

    @AfterEach
    void stop() throws Exception {
        mediator.close();
    }

    private byte[] seal(String type, ObjectNode body) throws Exception {
        Message m = Message.builder(UUID.randomUUID().toString(), type).from(alice.did())
                .to(List.of(mediator.did())).body(body).header("return_route", TextNode.valueOf("all")).build();
        return packer.packFor(m, mediator.did(), PackOptions.authcrypt(), alice).json()
                .getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> post(byte[] envelope) throws Exception {
        return http.send(HttpRequest.newBuilder(mediator.httpUrl()).header("Content-Type", ENC)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private Message open(HttpResponse<byte[]> r) throws Exception {
        return unpacker.unpack(r.body(), alice.secrets()).message();
    }

    @Test
    void discoverFeaturesDisclosesRelayWithItsRole() throws Exception {
        ObjectNode q = JsonNodeFactory.instance.objectNode();
        q.putArray("queries").addObject().put("feature-type", "protocol").put("match", "https://parley.dev/*");
        HttpResponse<byte[]> r = post(seal("https://didcomm.org/discover-features/2.0/queries", q));
        assertEquals(200, r.statusCode());
        List<String> found = new ArrayList<>();
        open(r).body().path("disclosures").forEach(d -> found.add(d.path("id").asText() + " "
                + d.path("roles").get(0).asText()));
        assertEquals(List.of(RelayAllocations.PIURI + " relay"), found);
    }

    @Test
    void theAllocationIsThreadedToTheRequestAndAReplayIsRefusedWithoutASecondAllocation() throws Exception {
        byte[] request = seal(RelayAllocations.ALLOCATE, JsonNodeFactory.instance.objectNode()
                .put("peer_did", Parties.party(random, "http://x", mediator.did(), false).did()));
        HttpResponse<byte[]> first = post(request);
        assertEquals(200, first.statusCode());
        Message allocation = open(first);
        assertEquals(RelayAllocations.ALLOCATION, allocation.type());
        assertEquals(mediator.did(), allocation.from());
        assertTrue(allocation.thid() != null && !allocation.thid().isEmpty());

        HttpResponse<byte[]> again = post(request);
        assertEquals(409, again.statusCode());
        assertEquals("e.m.trust.replay", open(again).body().path("code").asText());
        assertTrue(mediator.metrics().scrape().contains("parley_mediator_relay_allocations_issued_total 1"));
    }

    @Test
    void anUnknownRelayMessageIsAnUnsupportedType() throws Exception {
        HttpResponse<byte[]> r = post(seal(RelayAllocations.PIURI + "/release", JsonNodeFactory.instance.objectNode()));
        assertEquals(400, r.statusCode());
        assertEquals("e.m.msg.unsupported-type", open(r).body().path("code").asText());
    }
}
