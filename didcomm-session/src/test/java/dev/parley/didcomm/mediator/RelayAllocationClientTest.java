package dev.parley.didcomm.mediator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.parley.didcomm.TestIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import dev.parley.nat.relay.RelaySecret;
import dev.parley.nat.relay.RelayTokenIssuer;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MediatorClient#allocateRelay} and {@link MediatorClient#natConfig} against a server we do not run
 * (WireMock): a well-formed allocation is read, and every malformed one is refused before it reaches a link.
 * The real mediator side is tested in the mediator module ({@code RelayAllocationOverDidCommTest}).
 */
class RelayAllocationClientTest {
    private static final String ENC = "application/didcomm-encrypted+json";
    private static final String RELAY = "https://parley.dev/protocols/relay/1.0/";

    private final SecureRandom random = TestIdentities.seeded(11);
    private final LocalIdentity fakeMediator = TestIdentities.create(TestIdentities.Kind.DID_PEER_2, random);
    private final LocalIdentity me = TestIdentities.create(TestIdentities.Kind.DID_PEER_2, random);
    private final DidCommPacker packer = new DidCommPacker(TestIdentities.RESOLVER, random, JsonLimits.DEFAULT);
    private final RelayTokenIssuer issuer = new RelayTokenIssuer(RelaySecret.generate(random), Clock.systemUTC(),
            random);
    private WireMockServer server;
    private MediatorClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        client = new MediatorClient(URI.create(server.baseUrl() + "/"), fakeMediator.did(), me,
                TestIdentities.RESOLVER, Clock.systemUTC(), random,
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)), Duration.ofSeconds(5), d -> { });
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    private void answer(String type, ObjectNode body) throws Exception {
        Message m = Message.builder(UUID.randomUUID().toString(), type).from(fakeMediator.did()).to(List.of(me.did()))
                .body(body).build();
        String sealed = packer.packFor(m, me.did(), PackOptions.authcrypt(), fakeMediator).json();
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", ENC)
                .withBody(sealed)));
    }

    private ObjectNode allocation() {
        var a = issuer.allocate("did-sha256-aa", "did-sha256-bb", Duration.ofMinutes(30));
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("relay_url", "ws://203.0.113.10:8080/relay").put("token", a.first().toBase64())
                .put("peer_token", a.second().toBase64()).put("expires_time", a.first().expiresAt().getEpochSecond())
                .put("peer_did", "did:example:bob");
        b.putArray("stun").add("203.0.113.10:3478");
        return b;
    }

    @Test
    void readsAWellFormedAllocation() throws Exception {
        ObjectNode body = allocation();
        answer(RELAY + "allocation", body);
        RelayGrant g = client.allocateRelay("did:example:bob");
        assertEquals(URI.create("ws://203.0.113.10:8080/relay"), g.nat().relayUrl());
        assertEquals(List.of("203.0.113.10:3478"), g.nat().stunServers());
        assertEquals(body.path("token").asText(), g.token().toBase64());
        assertEquals(body.path("peer_token").asText(), g.peerToken().toBase64());
        assertEquals(body.path("expires_time").asLong(), g.expiresAt().getEpochSecond());
        assertEquals("did:example:bob", g.peerDid());
    }

    @Test
    void refusesEveryMalformedAllocation() throws Exception {
        var other = issuer.allocate("did-sha256-cc", "did-sha256-dd", Duration.ofMinutes(30));
        List<Consumer<ObjectNode>> breakages = List.of(
                b -> b.remove("token"),
                b -> b.put("token", "not base64 !"),
                b -> b.put("peer_token", other.second().toBase64()),   // a token of another allocation
                b -> b.put("peer_token", b.path("token").asText()),      // the same half twice
                b -> b.put("relay_url", "http://203.0.113.10:8080/relay"),
                b -> b.put("relay_url", "ws://"),
                b -> b.remove("expires_time"),
                b -> b.putArray("stun").add("a:1").add("b:2").add("c:3").add("d:4").add("e:5"),
                b -> b.putArray("stun").add("no-port"),
                b -> b.put("stun", "203.0.113.10:3478"));
        for (int i = 0; i < breakages.size(); i++) {
            ObjectNode body = allocation();
            breakages.get(i).accept(body);
            server.resetAll();
            answer(RELAY + "allocation", body);
            MediatorUnavailableException e = assertThrows(MediatorUnavailableException.class,
                    () -> client.allocateRelay("did:example:bob"), "breakage " + i);
            assertTrue(e.getMessage().contains("malformed"), "breakage " + i + ": " + e.getMessage());
        }
    }

    @Test
    void natConfigIsReadAndAWrongAnswerTypeIsRefused() throws Exception {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("relay_url", "wss://m.example/relay");
        body.putArray("stun");
        answer(RELAY + "nat-config", body);
        NatConfig nat = client.natConfig();
        assertEquals(URI.create("wss://m.example/relay"), nat.relayUrl());
        assertEquals(List.of(), nat.stunAddresses());
        server.resetAll();
        answer(RELAY + "nat-config", body);
        assertThrows(MediatorUnavailableException.class, () -> client.allocateRelay("did:example:bob"));
    }
}
