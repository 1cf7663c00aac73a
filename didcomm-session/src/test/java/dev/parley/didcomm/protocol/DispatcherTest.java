package dev.parley.didcomm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.TestIdentities;
import dev.parley.didcomm.TestIdentities.Kind;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.Layer;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.UnpackMetadata;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.ProblemCode;
import dev.parley.didcomm.protocol.basicmessage.BasicMessage;
import dev.parley.didcomm.protocol.basicmessage.BasicMessageHandler;
import dev.parley.didcomm.protocol.discoverfeatures.DiscoverFeaturesHandler;
import dev.parley.didcomm.protocol.discoverfeatures.Feature;
import dev.parley.didcomm.protocol.reportproblem.ProblemReport;
import dev.parley.didcomm.protocol.reportproblem.ReportProblemHandler;
import dev.parley.didcomm.protocol.trustping.TrustPingHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final String ME = "did:example:bob";
    private static final String PEER = "did:example:alice";
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<BasicMessage> chat = new CopyOnWriteArrayList<>();
    private final List<ProblemReport> problems = new CopyOnWriteArrayList<>();
    private final List<Message> pingResponses = new CopyOnWriteArrayList<>();
    private final Dispatcher dispatcher = dispatcher();

    private Dispatcher dispatcher() {
        TrustPingHandler ping = new TrustPingHandler(pingResponses::add);
        BasicMessageHandler basic = new BasicMessageHandler(chat::add);
        ReportProblemHandler report = new ReportProblemHandler((m, p) -> problems.add(p));
        List<Feature> features = new ArrayList<>(List.of(Feature.protocol(ping), Feature.protocol(basic),
                Feature.protocol(report), Feature.header(ReturnRoute.HEADER), Feature.goalCode("parley.chat")));
        DiscoverFeaturesHandler discover = new DiscoverFeaturesHandler(features, m -> { });
        return new Dispatcher(List.of(ping, basic, report, discover), new MessageIds(TestIdentities.seeded(5)), clock);
    }

    private static Unpacked in(Message m) {
        return new Unpacked(m, new UnpackMetadata(true, true, false, false, PEER + "#k", List.of(ME + "#k"), ME + "#k",
                null, "ECDH-1PU+A256KW/A256CBC-HS512", null, null, null, List.of(Layer.AUTHCRYPT, Layer.PLAINTEXT)));
    }

    private static Message msg(String id, String type, ObjectNode body) {
        return Message.builder(id, type).from(PEER).to(List.of(ME)).createdTime(NOW).body(body).build();
    }

    private static ObjectNode body() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Test
    void answersAPingInItsThreadFromTheRecipientToTheSender() {
        Message ping = TrustPingHandler.ping("p-1", PEER, ME, true);
        Message reply = dispatcher.dispatch(in(ping), ME).reply().orElseThrow();
        assertEquals(TrustPingHandler.PING_RESPONSE, reply.type());
        assertEquals("p-1", reply.thid());
        assertEquals(ME, reply.from());
        assertEquals(List.of(PEER), reply.to());
        assertEquals(NOW, reply.createdTime());
    }

    @Test
    void staysSilentWhenNoResponseIsRequestedAndReportsPingResponses() {
        assertTrue(dispatcher.dispatch(in(TrustPingHandler.ping("p-2", PEER, ME, false)), ME).reply().isEmpty());
        Message resp = Message.builder("r-1", TrustPingHandler.PING_RESPONSE).thid("p-0").from(PEER).build();
        assertTrue(dispatcher.dispatch(in(resp), ME).reply().isEmpty());
        assertEquals(List.of(resp), pingResponses);
    }

    @Test
    void answersAnUnknownTypeWithAnUnsupportedProblemReport() throws Exception {
        Message m = msg("u-1", "https://didcomm.org/tictactoe/1.0/move", body());
        Message reply = dispatcher.dispatch(in(m), ME).reply().orElseThrow();
        ProblemReport pr = ProblemReport.fromMessage(reply);
        assertEquals("e.p.msg.unsupported", pr.code().toString());
        assertEquals("Bad message.", pr.comment());
        assertEquals("u-1", reply.pthid());
        assertEquals("[\"u-1\"]", reply.extraHeader("ack").orElseThrow().toString());
        assertEquals(List.of(PEER), reply.to());
    }

    @Test
    void answersAMalformedPingWithAProblemReportInItsThread() throws Exception {
        Message m = Message.builder("p-3", TrustPingHandler.PING).from(PEER).thid("thread-9")
                .body(body().put("response_requested", "yes")).build();
        Message reply = dispatcher.dispatch(in(m), ME).reply().orElseThrow();
        assertEquals("e.p.msg.invalid", ProblemReport.fromMessage(reply).code().toString());
        assertEquals("thread-9", reply.pthid());
    }

    @Test
    void neverAnswersAProblemReportWithAProblemReport() {
        Message valid = new ProblemReport(ProblemCode.parse("e.p.xfer.cant-use-endpoint"), "Unable to use the {1} endpoint.",
                List.of("https://x"), null).toMessage("pr-1", "t-1", "m-1", PEER, ME, NOW);
        assertTrue(dispatcher.dispatch(in(valid), ME).reply().isEmpty());
        assertEquals("Unable to use the https://x endpoint.", problems.get(0).renderedComment());
        Message broken = msg("pr-2", ProblemReport.TYPE, body().put("code", "NOT A CODE"));
        assertTrue(dispatcher.dispatch(in(broken), ME).reply().isEmpty());
        assertEquals(1, problems.size());
    }

    @Test
    void disclosesOnlyMatchingFeaturesAndIgnoresUnknownFeatureTypes() {
        ObjectNode b = body();
        b.putArray("queries")
                .add(body().put("feature-type", "protocol").put("match", "https://didcomm.org/trust-ping/*"))
                .add(body().put("feature-type", "header").put("match", "*"))
                .add(body().put("feature-type", "governance-framework").put("match", "*"));
        Message reply = dispatcher.dispatch(in(msg("q-1", DiscoverFeaturesHandler.QUERIES, b)), ME).reply().orElseThrow();
        assertEquals(DiscoverFeaturesHandler.DISCLOSE, reply.type());
        assertEquals("q-1", reply.thid());
        assertEquals("[{\"feature-type\":\"protocol\",\"id\":\"https://didcomm.org/trust-ping/2.0\",\"roles\":[\"sender\","
                + "\"receiver\"]},{\"feature-type\":\"header\",\"id\":\"return_route\"}]",
                reply.body().get("disclosures").toString());
    }

    @Test
    void boundsTheNumberOfQueries() throws Exception {
        ObjectNode b = body();
        var arr = b.putArray("queries");
        for (int i = 0; i <= DiscoverFeaturesHandler.MAX_QUERIES; i++) {
            arr.add(body().put("feature-type", "protocol").put("match", "*"));
        }
        Message reply = dispatcher.dispatch(in(msg("q-2", DiscoverFeaturesHandler.QUERIES, b)), ME).reply().orElseThrow();
        assertEquals("e.p.msg.invalid", ProblemReport.fromMessage(reply).code().toString());
    }

    @Test
    void deliversBasicMessagesAndRejectsOnesWithoutCreatedTime() throws Exception {
        BasicMessage sent = new BasicMessage(PEER, "hello", "en", NOW);
        assertTrue(dispatcher.dispatch(in(sent.toMessage("b-1", List.of(ME))), ME).reply().isEmpty());
        assertEquals(List.of(sent), chat);
        Message noTime = Message.builder("b-2", BasicMessage.TYPE).from(PEER).body(body().put("content", "x")).build();
        Message reply = dispatcher.dispatch(in(noTime), ME).reply().orElseThrow();
        assertEquals("e.p.msg.invalid", ProblemReport.fromMessage(reply).code().toString());
    }

    @Test
    void reportsTheReturnRouteAndRejectsAnUnknownOne() throws Exception {
        Message ping = TrustPingHandler.ping("p-4", PEER, ME, true).toBuilder()
                .header("return_route", JsonNodeFactory.instance.textNode("all")).build();
        assertEquals(ReturnRoute.ALL, dispatcher.dispatch(in(ping), ME).returnRoute());
        Message bad = ping.toBuilder().header("return_route", JsonNodeFactory.instance.textNode("sometimes")).build();
        Dispatcher.Outcome o = dispatcher.dispatch(in(bad), ME);
        assertEquals(ReturnRoute.NONE, o.returnRoute());
        assertEquals("e.p.msg.invalid", ProblemReport.fromMessage(o.reply().orElseThrow()).code().toString());
    }

    @Test
    void refusesTwoHandlersForOneTypeAndTypesOutsideTheProtocol() {
        TrustPingHandler a = new TrustPingHandler(m -> { });
        assertThrows(IllegalArgumentException.class,
                () -> new Dispatcher(List.of(a, a), new MessageIds(TestIdentities.seeded(1)), clock));
    }

    @Test
    void pingAndResponseTravelAuthcryptedBetweenTwoAgents() throws Exception {
        LocalIdentity alice = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(61));
        LocalIdentity bob = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(62));
        DidCommPacker packer = new DidCommPacker(TestIdentities.RESOLVER, TestIdentities.seeded(63), JsonLimits.DEFAULT);
        DidCommUnpacker unpacker = new DidCommUnpacker(TestIdentities.RESOLVER, clock, JsonLimits.DEFAULT);
        Message ping = TrustPingHandler.ping("p-5", alice.did(), bob.did(), true);
        String wire = packer.pack(ping, PackOptions.authcrypt(), alice).get(0).json();
        Message reply = dispatcher.dispatch(unpacker.unpack(wire, bob.secrets()), bob.did()).reply().orElseThrow();
        String back = packer.pack(reply, PackOptions.authcrypt(), bob).get(0).json();
        Unpacked atAlice = unpacker.unpack(back, alice.secrets());
        assertEquals(TrustPingHandler.PING_RESPONSE, atAlice.message().type());
        assertEquals("p-5", atAlice.message().thid());
        assertTrue(atAlice.metadata().encryptedFromKid().startsWith(bob.did() + "#"));
    }
}
