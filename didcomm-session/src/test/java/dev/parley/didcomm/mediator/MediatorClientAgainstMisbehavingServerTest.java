package dev.parley.didcomm.mediator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.parley.didcomm.TestIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Attachment;
import dev.parley.didcomm.message.AttachmentData;
import dev.parley.didcomm.message.Message;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mediator client against a server we do not run (WireMock): 5xx, slow answers, malformed answers,
 * dropped connections, throttling, refusals, and redelivery after a lost acknowledgement.
 */
class MediatorClientAgainstMisbehavingServerTest {

    private static final String ENC = "application/didcomm-encrypted+json";
    private static final int ATTEMPTS = 4;

    private final SecureRandom random = TestIdentities.seeded(7);
    private final LocalIdentity fakeMediator = TestIdentities.create(TestIdentities.Kind.DID_PEER_2, random);
    private final LocalIdentity me = TestIdentities.create(TestIdentities.Kind.DID_PEER_2, random);
    private final DidCommPacker packer = new DidCommPacker(TestIdentities.RESOLVER, random, JsonLimits.DEFAULT);
    private final List<Duration> waits = new ArrayList<>();
    private WireMockServer server;
    private MediatorClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        client = new MediatorClient(URI.create(server.baseUrl() + "/"), fakeMediator.did(), me,
                TestIdentities.RESOLVER, Clock.systemUTC(), random,
                new RetryPolicy(ATTEMPTS, Duration.ofMillis(100), Duration.ofSeconds(1)), Duration.ofMillis(800),
                waits::add);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    /** A reply authcrypted from the fake mediator to the client, as a real mediator sends it. */
    private String reply(String type, ObjectNode body, List<Attachment> attachments) throws Exception {
        Message m = Message.builder(UUID.randomUUID().toString(), type).from(fakeMediator.did()).to(List.of(me.did()))
                .body(body).attachments(attachments).build();
        return packer.packFor(m, me.did(), PackOptions.authcrypt(), fakeMediator).json();
    }

    private String grant() throws Exception {
        return reply("https://didcomm.org/coordinate-mediation/2.0/mediate-grant",
                JsonNodeFactory.instance.objectNode().put("routing_did", fakeMediator.did()), List.of());
    }

    private void stubSequence(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = "step-" + (i + 1);
            server.stubFor(post(urlEqualTo("/")).inScenario("seq").whenScenarioStateIs(state).willReturn(answers[i])
                    .willSetStateTo(next));
            state = next;
        }
    }

    private int requests() {
        return server.findAll(postRequestedFor(urlEqualTo("/"))).size();
    }

    @Test
    void retriesA5xxAndSucceeds() throws Exception {
        stubSequence(aResponse().withStatus(503), aResponse().withStatus(502),
                aResponse().withStatus(200).withHeader("Content-Type", ENC).withBody(grant()));
        assertEquals(List.of(fakeMediator.did()), client.requestMediation().routingDids());
        assertEquals(3, requests());
        assertEquals(2, waits.size(), "one backoff before each retry");
    }

    @Test
    void givesUpAfterTheRetryPolicyWithAnUnavailableError() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500)));
        MediatorUnavailableException e = assertThrows(MediatorUnavailableException.class, client::requestMediation);
        assertTrue(e.getMessage().contains("500"), e.getMessage());
        assertEquals(ATTEMPTS, requests());
        for (int i = 0; i < waits.size(); i++) {
            long cap = Math.min(1000, 100L << i);
            assertTrue(waits.get(i).toMillis() <= cap, "backoff " + i + " = " + waits.get(i) + " exceeds " + cap);
        }
    }

    @Test
    void retriesASlowAnswerThatTimesOut() throws Exception {
        stubSequence(aResponse().withStatus(200).withFixedDelay(3_000).withHeader("Content-Type", ENC)
                        .withBody(grant()),
                aResponse().withStatus(200).withHeader("Content-Type", ENC).withBody(grant()));
        assertEquals(List.of(fakeMediator.did()), client.requestMediation().routingDids());
        assertEquals(2, requests());
    }

    @Test
    void retriesMalformedAnswersThenReportsThem() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", ENC)
                .withBody("{\"protected\":\"garbage\",\"ciphertext\":\"%%%\"}")));
        MediatorUnavailableException e = assertThrows(MediatorUnavailableException.class, client::requestMediation);
        assertTrue(e.getMessage().contains("could not be opened"), e.getMessage());
        assertEquals(ATTEMPTS, requests());
    }

    @Test
    void refusesAnAnswerNotAuthenticatedAsTheMediator() throws Exception {
        LocalIdentity impostor = TestIdentities.create(TestIdentities.Kind.DID_PEER_2, random);
        Message m = Message.builder("x", "https://didcomm.org/coordinate-mediation/2.0/mediate-grant")
                .from(impostor.did()).to(List.of(me.did()))
                .body(JsonNodeFactory.instance.objectNode().put("routing_did", impostor.did())).build();
        String forged = packer.packFor(m, me.did(), PackOptions.authcrypt(), impostor).json();
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", ENC)
                .withBody(forged)));
        assertThrows(MediatorUnavailableException.class, client::requestMediation);
    }

    @Test
    void retriesDroppedConnections() throws Exception {
        stubSequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), aResponse().withFault(Fault.EMPTY_RESPONSE),
                aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
                aResponse().withStatus(200).withHeader("Content-Type", ENC).withBody(grant()));
        assertEquals(List.of(fakeMediator.did()), client.requestMediation().routingDids());
        assertEquals(4, requests());
    }

    @Test
    void retriesWhenThrottled() throws Exception {
        stubSequence(aResponse().withStatus(429).withHeader("Retry-After", "1"),
                aResponse().withStatus(200).withHeader("Content-Type", ENC).withBody(grant()));
        client.requestMediation();
        assertEquals(2, requests());
    }

    @Test
    void aProblemReportIsFinalAndNotRetried() {
        String problem = "{\"id\":\"p1\",\"typ\":\"application/didcomm-plain+json\","
                + "\"type\":\"https://didcomm.org/report-problem/2.0/problem-report\","
                + "\"body\":{\"code\":\"e.p.trust.not-mediated\",\"comment\":\"no grant\"}}";
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/didcomm-plain+json").withBody(problem)));
        MediatorRefusedException e = assertThrows(MediatorRefusedException.class, client::queryKeylist);
        assertEquals("e.p.trust.not-mediated", e.code());
        assertEquals(1, requests());
    }

    @Test
    void statusReportsNotGrantedWhenTheMediatorSaysSo() throws Exception {
        String problem = "{\"id\":\"p1\",\"typ\":\"application/didcomm-plain+json\","
                + "\"type\":\"https://didcomm.org/report-problem/2.0/problem-report\","
                + "\"body\":{\"code\":\"e.p.trust.not-mediated\",\"comment\":\"no grant\"}}";
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/didcomm-plain+json").withBody(problem)));
        assertEquals(new MediatorStatus(false, List.of(), 0, 0), client.status());
    }

    @Test
    void aForwardRetriedAfterADroppedAnswerCountsTheReplayAnswerAsDelivered() throws Exception {
        LocalIdentity peer = TestIdentities.create(TestIdentities.Kind.DID_PEER_2, random,
                List.of(fakeMediator.did() + "#key-2"));
        // The peer's service names https://mediator.example/didcomm; send through WireMock instead.
        server.stubFor(post(urlEqualTo("/didcomm")).inScenario("fwd").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("stored"));
        server.stubFor(post(urlEqualTo("/didcomm")).inScenario("fwd").whenScenarioStateIs("stored")
                .willReturn(aResponse().withStatus(409)));
        MediatorClient toPeer = new MediatorClient(URI.create(server.baseUrl() + "/"), fakeMediator.did(), me,
                new RedirectingResolver(server.baseUrl()), Clock.systemUTC(), random,
                new RetryPolicy(ATTEMPTS, Duration.ZERO, Duration.ZERO), Duration.ofSeconds(2), waits::add);
        Message m = Message.builder("m1", "https://didcomm.org/basicmessage/2.0/message").from(me.did())
                .to(List.of(peer.did())).body(JsonNodeFactory.instance.objectNode().put("content", "x")).build();
        toPeer.send(m);
        assertEquals(2, server.findAll(postRequestedFor(urlEqualTo("/didcomm"))).size(),
                "the same envelope was sent twice");
        List<String> bodies = server.findAll(postRequestedFor(urlEqualTo("/didcomm"))).stream()
                .map(r -> r.getBodyAsString()).toList();
        assertEquals(bodies.get(0), bodies.get(1), "a retry resends the identical envelope");
        toPeer.close();
    }

    @Test
    void aRedeliveredMessageReachesTheApplicationOnce() throws Exception {
        Message inner = Message.builder("inner-1", "https://didcomm.org/basicmessage/2.0/message")
                .from(fakeMediator.did()).to(List.of(me.did()))
                .body(JsonNodeFactory.instance.objectNode().put("content", "once")).build();
        byte[] packed = packer.packFor(inner, me.did(), PackOptions.authcrypt(), fakeMediator).json()
                .getBytes(StandardCharsets.UTF_8);
        String pickup = "https://didcomm.org/message-pickup/4.0/";
        // First delivery, its acknowledgement is lost (503 thrice), then the same message comes again.
        String delivery1 = reply(pickup + "delivery", JsonNodeFactory.instance.objectNode(),
                List.of(Attachment.of("q1", ENC, AttachmentData.Base64Data.of(packed))));
        String delivery2 = reply(pickup + "delivery", JsonNodeFactory.instance.objectNode(),
                List.of(Attachment.of("q2", ENC, AttachmentData.Base64Data.of(packed))));
        String empty = reply(pickup + "delivery", JsonNodeFactory.instance.objectNode(), List.of());
        var lost = aResponse().withStatus(503);
        stubSequence(aResponse().withStatus(200).withHeader("Content-Type", ENC).withBody(delivery1),
                lost, lost, lost, lost,
                aResponse().withStatus(200).withHeader("Content-Type", ENC).withBody(delivery2),
                aResponse().withStatus(202),
                aResponse().withStatus(200).withHeader("Content-Type", ENC).withBody(empty));
        List<Unpacked> got = new ArrayList<>();
        assertThrows(MediatorUnavailableException.class, () -> client.pickup(10, got::add),
                "the acknowledgement never got through");
        assertEquals(1, got.size(), "the application had the message before the acknowledgement was tried");
        assertEquals(0, client.pickup(10, got::add), "the redelivery is acknowledged, not handed over again");
        assertEquals(1, got.size());
        assertEquals("once", got.get(0).message().body().path("content").asText());
    }

    /** Resolves DIDs normally but points every service URI at the WireMock server. */
    private static final class RedirectingResolver implements dev.parley.didcomm.did.DidResolver {
        private final String base;

        RedirectingResolver(String base) {
            this.base = base;
        }

        @Override
        public dev.parley.didcomm.did.ResolvedDid resolve(String did)
                throws dev.parley.didcomm.did.DidResolutionException {
            var d = TestIdentities.RESOLVER.resolve(did);
            var services = d.services().stream().map(s -> new dev.parley.didcomm.did.DidCommService(s.id(),
                    s.uri().replace("https://mediator.example", base), s.accept(), s.routingKeys())).toList();
            return new dev.parley.didcomm.did.ResolvedDid(d.did(), d.authentication(), d.keyAgreement(), services);
        }
    }
}
