package dev.parley.session.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.didcomm.mediator.NatConfig;
import dev.parley.didcomm.mediator.RelayGrant;
import dev.parley.nat.link.HostPolicy;
import dev.parley.nat.link.LinkConfig;
import dev.parley.nat.relay.RelayLimits;
import dev.parley.nat.relay.RelaySecret;
import dev.parley.nat.relay.RelayServerCore;
import dev.parley.nat.relay.RelayTokenIssuer;
import dev.parley.nat.relay.websocket.RelayProtocol;
import dev.parley.nat.relay.websocket.RelayWebSocket;
import dev.parley.session.DatagramTransport;
import dev.parley.session.didcomm.Sessions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mediator-fed path makers against a real relay (nat-traversal's, standalone on port 0, as the mediator mounts
 * it) and real ICE agents on loopback: the responder attaches with the token the offer carried, and only to its own
 * mediator's relay.
 */
class MediatorPathsTest {
    private static final String BOB = "did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG";

    private final SecureRandom random = new SecureRandom();
    private final RelayTokenIssuer issuer = new RelayTokenIssuer(RelaySecret.generate(random), Clock.systemUTC(),
            random);
    private RelayServerCore core;
    private Server relay;
    private URI relayUrl;

    @BeforeEach
    void startRelay() throws Exception {
        core = new RelayServerCore(issuer, RelayLimits.defaults(), Clock.systemUTC());
        relay = RelayWebSocket.startStandalone(new InetSocketAddress("127.0.0.1", 0), core);
        relayUrl = URI.create("ws://127.0.0.1:" + RelayWebSocket.boundPort(relay) + RelayProtocol.PATH);
    }

    @AfterEach
    void stopRelay() throws Exception {
        relay.stop();
    }

    private static LinkConfig loopback() {
        return LinkConfig.of(List.of(), Optional.empty()).withHosts(HostPolicy.LOOPBACK_ONLY)
                .withConnectTimeout(Duration.ofSeconds(20));
    }

    private RelayGrant grant(URI url) {
        var a = issuer.allocate("alice-relay-id", "bob-relay-id", Duration.ofMinutes(5));
        return new RelayGrant(BOB, a.first(), a.second(), a.first().expiresAt(), new NatConfig(url, List.of()));
    }

    /** Runs both makers; returns the two transports once each side has a first path. */
    private static DatagramTransport[] connect(Sessions.Link offerer, Sessions.Answerer answerer) throws Exception {
        Sessions.Answer answer = answerer.answer(offerer.offer());
        CompletableFuture<DatagramTransport> b = CompletableFuture.supplyAsync(() -> {
            try {
                return answer.link();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        DatagramTransport a = offerer.complete(answer.blob());
        return new DatagramTransport[] {a, b.get(30, TimeUnit.SECONDS)};
    }

    private static void exchange(DatagramTransport from, DatagramTransport to) throws Exception {
        byte[] hello = "one datagram".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Optional<byte[]> got = Optional.empty();
        for (int i = 0; i < 50 && got.isEmpty(); i++) {
            from.send(hello);
            got = to.receive(Duration.ofMillis(200));
        }
        assertArrayEquals(hello, got.orElseThrow(() -> new AssertionError("no datagram arrived")));
    }

    @Test
    void theResponderAttachesToTheAllocationWithTheTokenTheOfferCarried() throws Exception {
        List<String> notes = new CopyOnWriteArrayList<>();
        RelayGrant g = grant(relayUrl);
        DatagramTransport[] t = connect(MediatorPaths.offerer(g, loopback()),
                MediatorPaths.answerer(new NatConfig(relayUrl, List.of()), loopback(), notes::add));
        try {
            exchange(t[0], t[1]);
            exchange(t[1], t[0]);
            assertEquals(List.of(), notes);
            assertTrue(bothSidesAttached(), "the responder never attached with the peer token");
            assertEquals(1, core.allocationCount(), "both sides use one allocation");
        } finally {
            t[0].close();
            t[1].close();
        }
    }

    /**
     * Whether both sides of the one allocation are attached, i.e. the responder attached with the peer's token.
     * Polls (bounded) because the responder attaches in the background; asking the relay core does not take a side
     * the way a probing attach would.
     */
    private boolean bothSidesAttached() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (core.attachedSides() == 2) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return false;
    }

    @Test
    void theResponderIgnoresARelayThatIsNotItsOwnMediators() throws Exception {
        List<String> notes = new CopyOnWriteArrayList<>();
        URI elsewhere = URI.create("ws://relay.elsewhere.test:9/relay");
        DatagramTransport[] t = connect(MediatorPaths.offerer(grant(relayUrl), loopback()),
                MediatorPaths.answerer(new NatConfig(elsewhere, List.of()), loopback(), notes::add));
        try {
            exchange(t[0], t[1]);
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.get(0).contains("ignoring the peer's relay " + relayUrl), notes.get(0));
        } finally {
            t[0].close();
            t[1].close();
        }
    }

    @Test
    void theMediatorsStunServersAreUsedUnlessTheBaseNamesSome() {
        var a = issuer.allocate("alice-relay-id", "bob-relay-id", Duration.ofMinutes(5));
        RelayGrant g = new RelayGrant(BOB, a.first(), a.second(), a.first().expiresAt(),
                new NatConfig(relayUrl, List.of("127.0.0.1:3478")));
        LinkConfig fromMediator = MediatorPaths.initiatorConfig(g, loopback());
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 3478)), fromMediator.stunServers());
        assertEquals(a.first(), fromMediator.relay().orElseThrow().token(), "the initiator attaches with its own token");
        assertEquals(relayUrl, fromMediator.relay().orElseThrow().uri());
        LinkConfig flagged = MediatorPaths.initiatorConfig(g, LinkConfig.of(
                List.of(new InetSocketAddress("127.0.0.1", 9999)), Optional.empty()));
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 9999)), flagged.stunServers());
    }
}
