package dev.parley.nat.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.nat.Await;
import dev.parley.nat.relay.RelayLimits;
import dev.parley.nat.relay.RelaySecret;
import dev.parley.nat.relay.RelayServerCore;
import dev.parley.nat.relay.RelayTokenIssuer;
import dev.parley.nat.relay.websocket.RelayProtocol;
import dev.parley.nat.relay.websocket.RelayWebSocket;
import dev.parley.nat.stun.StunServer;
import dev.parley.nat.stun.StunServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two agents in one JVM on loopback: real ice4j agents, a real STUN server and a real relay. */
class PeerLinksTest {
    private final SecureRandom random = new SecureRandom();
    private final RelayTokenIssuer issuer = new RelayTokenIssuer(RelaySecret.generate(random), Clock.systemUTC(), random);
    private StunServer stun;
    private Server relay;
    private URI relayUri;

    @BeforeEach
    void start() throws Exception {
        stun = StunServer.start(StunServerConfig.of(InetAddress.getLoopbackAddress(), 0, 0));
        relay = RelayWebSocket.startStandalone(new InetSocketAddress("127.0.0.1", 0),
                new RelayServerCore(issuer, RelayLimits.defaults(), Clock.systemUTC()));
        relayUri = URI.create("ws://127.0.0.1:" + RelayWebSocket.boundPort(relay) + RelayProtocol.PATH);
    }

    @AfterEach
    void stop() throws Exception {
        stun.close();
        relay.stop();
    }

    private LinkConfig config(Optional<RelayEndpoint> relayEndpoint) {
        return LinkConfig.of(List.of(stun.primaryAddress()), relayEndpoint).withHosts(HostPolicy.LOOPBACK_ONLY)
                .withConnectTimeout(Duration.ofSeconds(10));
    }

    @Test
    void twoAgentsFormADirectHostLinkAndExchangeDatagrams() throws Exception {
        try (LinkOffer offer = PeerLinks.offer(config(Optional.empty()));
             LinkAnswer answer = PeerLinks.answer(config(Optional.empty()), offer.blob())) {
            DatagramLink[] links = completeBoth(offer, answer);
            DatagramLink a = links[0];
            DatagramLink b = links[1];
            assertEquals(PathType.HOST, a.path().type());
            assertTrue(a.path().remote().getAddress().isLoopbackAddress());
            exchange(a, b);
            Await.until(() -> a.smoothedRtt().isPresent(), Duration.ofSeconds(10), "an RTT sample from a keepalive");

            byte[] buffer = {9, 1, 2, 3, 9};
            a.send(buffer, 1, 3);
            buffer[2] = 7; // the caller reuses its buffer once send returns
            assertArrayEquals(new byte[] {1, 2, 3}, b.receive(Duration.ofSeconds(5)).orElseThrow(),
                    "a slice of a buffer travels as its own datagram");
            assertThrows(IndexOutOfBoundsException.class, () -> a.send(buffer, 3, 3));
        }
    }

    @Test
    void aReceiverGetsQueuedDatagramsFirstThenEveryNewOneOnTheReadersThread() throws Exception {
        try (LinkOffer offer = PeerLinks.offer(config(Optional.empty()));
             LinkAnswer answer = PeerLinks.answer(config(Optional.empty()), offer.blob())) {
            DatagramLink[] links = completeBoth(offer, answer);
            DatagramLink a = links[0];
            DatagramLink b = links[1];
            exchange(a, b);
            byte[] queued = {7, 7};
            a.send(queued);
            List<byte[]> got = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            String caller = Thread.currentThread().getName();
            // the queued datagram may still be in flight: either way it must reach the receiver exactly once
            b.deliverTo(d -> {
                got.add(d);
                threads.add(Thread.currentThread().getName());
            });
            assertThrows(IllegalStateException.class, () -> b.deliverTo(d -> { }), "a second receiver is refused");
            for (int i = 0; i < 100; i++) {
                a.send(new byte[] {(byte) i});
            }
            Await.until(() -> got.size() >= 50, Duration.ofSeconds(10), "pushed datagrams");
            assertArrayEquals(queued, got.getFirst(), "the queued datagram comes first");
            assertEquals(1, got.stream().filter(d -> d.length == 2).count(), "the queued datagram exactly once");
            assertTrue(threads.stream().skip(1).allMatch(t -> t.startsWith("link-socket-")), threads.toString());
            assertTrue(threads.stream().skip(1).noneMatch(caller::equals), threads.toString());
            assertEquals(Optional.empty(), b.receive(Duration.ofMillis(10)), "receive yields no data once pushed");
            b.close();
            assertThrows(LinkClosedException.class, () -> b.receive(Duration.ZERO), "but still reports a closed link");
        }
    }

    @Test
    void aDirectLoopbackPathIsFoundToCarryTheLargestDatagrams() throws Exception {
        try (LinkOffer offer = PeerLinks.offer(config(Optional.empty()));
             LinkAnswer answer = PeerLinks.answer(config(Optional.empty()), offer.blob())) {
            DatagramLink[] links = completeBoth(offer, answer);
            DatagramLink a = links[0];
            DatagramLink b = links[1];
            // loopback's MTU is 65,536: each side's probe of the largest size is answered
            Await.until(() -> a.maxPayload() == DatagramLink.LARGEST_PAYLOAD
                    && b.maxPayload() == DatagramLink.LARGEST_PAYLOAD, Duration.ofSeconds(10), "both size probes answered");
            byte[] large = new byte[DatagramLink.LARGEST_PAYLOAD];
            random.nextBytes(large);
            a.send(large);
            assertArrayEquals(large, b.receive(Duration.ofSeconds(5)).orElseThrow(), "one datagram, whole");
            assertThrows(IllegalArgumentException.class, () -> a.send(new byte[DatagramLink.LARGEST_PAYLOAD + 1]));
        }
    }

    @Test
    void aPathThatCutsLargeDatagramsKeepsTheBaseSize() throws Exception {
        try (UdpMiddlebox box = new UdpMiddlebox(); LinkOffer offer = PeerLinks.offer(viaMiddlebox(Optional.empty()))) {
            try (BoxedLinks links = throughBox(box, offer, viaMiddlebox(Optional.empty()))) {
                DatagramLink a = links.a();
                DatagramLink b = links.b();
                exchange(a, b);
                // the middlebox forwards at most 2,048 bytes of a datagram: a cut probe is no answer
                Thread.sleep(1_000);
                assertEquals(DatagramLink.MAX_PAYLOAD, a.maxPayload());
                assertEquals(DatagramLink.MAX_PAYLOAD, b.maxPayload());
                byte[] base = new byte[DatagramLink.MAX_PAYLOAD];
                random.nextBytes(base);
                a.send(base);
                assertArrayEquals(base, b.receive(Duration.ofSeconds(5)).orElseThrow());
            }
        }
    }

    @Test
    void linkStartsOnTheRelayAndMovesToTheDirectPair() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        try (LinkOffer offer = PeerLinks.offer(config(Optional.of(new RelayEndpoint(relayUri, alloc.first()))));
             LinkAnswer answer = PeerLinks.answer(config(Optional.of(new RelayEndpoint(relayUri, alloc.second()))),
                     offer.blob())) {
            DatagramLink a = offer.complete(answer.blob());
            DatagramLink b = answer.link();
            List<LinkPath> changes = new CopyOnWriteArrayList<>();
            a.onPathChange(changes::add);
            Await.until(() -> a.path().type().isDirect() && b.path().type().isDirect(), Duration.ofSeconds(10),
                    "both sides on the direct pair");
            exchange(a, b);
        }
    }

    @Test
    void linkStaysOnTheRelayWhenNoDirectPairWorks() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        try (LinkOffer offer = PeerLinks.offer(config(Optional.of(new RelayEndpoint(relayUri, alloc.first()))));
             java.net.DatagramSocket blackHole = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            // The answerer is told the offerer lives at a socket that never answers: every check fails.
            CandidateBlob real = CandidateBlob.decode(offer.blob());
            byte[] unreachable = new CandidateBlob(real.ufrag(), real.password(), List.of(new CandidateBlob.Candidate(
                    PathType.HOST, (InetSocketAddress) blackHole.getLocalSocketAddress(), 2130706431L, "1"))).encode();
            try (LinkAnswer answer = PeerLinks.answer(
                    config(Optional.of(new RelayEndpoint(relayUri, alloc.second()))), unreachable)) {
                CandidateBlob answerBlob = CandidateBlob.decode(answer.blob());
                byte[] answerUnreachable = new CandidateBlob(answerBlob.ufrag(), answerBlob.password(), List.of(
                        new CandidateBlob.Candidate(PathType.HOST,
                                (InetSocketAddress) blackHole.getLocalSocketAddress(), 2130706431L, "1"))).encode();
                DatagramLink a = offer.complete(answerUnreachable);
                DatagramLink b = answer.link();
                assertEquals(PathType.RELAY, a.path().type());
                exchange(a, b);
                assertEquals(PathType.RELAY, a.path().type());
                assertEquals(PathType.RELAY, b.path().type());
            }
        }
    }

    @Test
    void directPathThatDiesFallsBackToTheRelay() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        try (UdpMiddlebox box = new UdpMiddlebox();
             LinkOffer offer = PeerLinks.offer(viaMiddlebox(Optional.of(new RelayEndpoint(relayUri, alloc.first()))))) {
            try (BoxedLinks links = throughBox(box, offer,
                    viaMiddlebox(Optional.of(new RelayEndpoint(relayUri, alloc.second()))))) {
                DatagramLink a = links.a();
                DatagramLink b = links.b();
                Await.until(() -> a.path().type().isDirect() && b.path().type().isDirect(), Duration.ofSeconds(10),
                        "both sides on the direct pair through the middlebox");
                exchange(a, b);
                List<LinkPath> changesA = new CopyOnWriteArrayList<>();
                List<LinkPath> changesB = new CopyOnWriteArrayList<>();
                a.onPathChange(changesA::add);
                b.onPathChange(changesB::add);

                box.blackhole();
                // A late ICE check may still move a side from one direct pair to another (host to peer-reflexive)
                // just before the blackhole; what matters is that both end on the relay and said so.
                Await.until(() -> a.path().type() == PathType.RELAY && b.path().type() == PathType.RELAY
                                && endsOnRelay(changesA) && endsOnRelay(changesB), Duration.ofSeconds(15),
                        "both sides on the relay, and told so, after the direct path died");
                assertEquals(1, changesA.stream().filter(c -> c.type() == PathType.RELAY).count(), changesA.toString());
                assertEquals(1, changesB.stream().filter(c -> c.type() == PathType.RELAY).count(), changesB.toString());
                exchange(a, b);
            }
        }
    }

    private static boolean endsOnRelay(List<LinkPath> changes) {
        return !changes.isEmpty() && changes.getLast().type() == PathType.RELAY;
    }

    @Test
    void directPathThatDiesWithoutARelayFailsTheLink() throws Exception {
        try (UdpMiddlebox box = new UdpMiddlebox(); LinkOffer offer = PeerLinks.offer(viaMiddlebox(Optional.empty()))) {
            try (BoxedLinks links = throughBox(box, offer, viaMiddlebox(Optional.empty()))) {
                DatagramLink a = links.a();
                exchange(a, links.b());

                box.blackhole();
                Await.until(() -> sendFails(a), Duration.ofSeconds(15), "the link to report the dead direct path");
                LinkClosedException e = assertThrows(LinkClosedException.class, () -> a.receive(Duration.ofMillis(1)));
                assertTrue(e.getMessage().contains("no answer on the direct path"), e.getMessage());
            }
        }
    }

    @Test
    void iceLogsOnlyRealWarningsByDefault() throws Exception {
        List<LogRecord> published = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLoggerName() == null || !record.getLoggerName().startsWith("dev.parley")) {
                    published.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try (LinkOffer offer = PeerLinks.offer(config(Optional.empty()));
             LinkAnswer answer = PeerLinks.answer(config(Optional.empty()), offer.blob())) {
            offer.complete(answer.blob());
            answer.link();
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(List.of(), published.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": "
                + r.getMessage()).toList(), "ice4j should print nothing below WARNING (no candidates), nor warnings that Parley expects");
    }

    @Test
    void gatheringDoesNotWaitForAStunServerThatNeverAnswers() throws Exception {
        // Load ice4j first, so the clock below measures gathering and not a cold JVM (up to 0.8 s here).
        PeerLinks.prewarm().get(30, java.util.concurrent.TimeUnit.SECONDS);
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            LinkConfig cfg = LinkConfig.of(List.of((InetSocketAddress) silent.getLocalSocketAddress()), Optional.empty())
                    .withHosts(HostPolicy.LOOPBACK_ONLY).withGatherTimeout(Duration.ofMillis(100));
            long started = System.nanoTime();
            try (LinkOffer offer = PeerLinks.offer(cfg)) {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                // ice4j alone gives up on the STUN transaction only after about 2.1 s (7 sends, 400 ms cap):
                // the bound is far below that and far above the 100 ms asked for.
                assertTrue(took.compareTo(Duration.ofMillis(1800)) < 0, "gathering took " + took.toMillis() + " ms");
                assertEquals(List.of(PathType.HOST), CandidateBlob.decode(offer.blob()).candidates().stream()
                        .map(CandidateBlob.Candidate::type).toList());
            }
        }
    }

    @Test
    void prewarmCompletesWithoutAnyServerAndIsIdempotent() throws Exception {
        CompletableFuture<Void> first = PeerLinks.prewarm();
        first.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(first == PeerLinks.prewarm(), "a second call reuses the first warm-up");
    }

    private LinkConfig viaMiddlebox(Optional<RelayEndpoint> relayEndpoint) {
        return LinkConfig.of(List.of(), relayEndpoint).withHosts(HostPolicy.LOOPBACK_ONLY)
                .withConnectTimeout(Duration.ofSeconds(10)).withConsentTimeout(Duration.ofSeconds(1));
    }

    private static boolean sendFails(DatagramLink link) {
        try {
            link.send(new byte[] {1});
            return false;
        } catch (LinkClosedException e) {
            return true;
        } catch (IOException e) {
            throw new AssertionError("unexpected send failure", e);
        }
    }

    /** Both links of a pair whose direct path runs through a middlebox; closing it closes the answer. */
    private record BoxedLinks(LinkAnswer answer, DatagramLink a, DatagramLink b) implements AutoCloseable {
        @Override
        public void close() {
            answer.close();
        }
    }

    /** Answers {@code offer} with the candidates of each side replaced by the middlebox's stand-in for it. */
    private static BoxedLinks throughBox(UdpMiddlebox box, LinkOffer offer, LinkConfig answerConfig) throws Exception {
        CandidateBlob realA = CandidateBlob.decode(offer.blob());
        box.routeTo(realA.candidates().get(0).address(), null);
        LinkAnswer answer = PeerLinks.answer(answerConfig, UdpMiddlebox.disguise(realA, box.standInForA()));
        try {
            CandidateBlob realB = CandidateBlob.decode(answer.blob());
            box.routeTo(null, realB.candidates().get(0).address());
            DatagramLink a = offer.complete(UdpMiddlebox.disguise(realB, box.standInForB()));
            return new BoxedLinks(answer, a, answer.link());
        } catch (Exception e) {
            answer.close();
            throw e;
        }
    }

    /** The offerer's and the answerer's links, the answerer waiting for its link while the offerer completes. */
    private static DatagramLink[] completeBoth(LinkOffer offer, LinkAnswer answer) throws Exception {
        CompletableFuture<DatagramLink> bSide = CompletableFuture.supplyAsync(() -> {
            try {
                return answer.link();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        DatagramLink a = offer.complete(answer.blob());
        return new DatagramLink[] {a, bSide.get()};
    }

    private static void exchange(DatagramLink a, DatagramLink b) throws Exception {
        // Datagrams may be lost across a path switch, so resend until one arrives each way.
        for (DatagramLink[] pair : new DatagramLink[][] {{a, b}, {b, a}}) {
            byte[] payload = ("hello from " + pair[0].path().local()).getBytes();
            Optional<byte[]> got = Optional.empty();
            for (int i = 0; i < 50 && got.isEmpty(); i++) {
                pair[0].send(payload);
                got = pair[1].receive(Duration.ofMillis(100));
            }
            assertArrayEquals(payload, got.orElseThrow(() -> new AssertionError("no datagram arrived")));
        }
    }
}
