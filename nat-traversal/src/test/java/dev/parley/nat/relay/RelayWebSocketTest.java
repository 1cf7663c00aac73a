package dev.parley.nat.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.nat.Await;
import dev.parley.nat.MutableClock;
import dev.parley.nat.relay.websocket.RelayClient;
import dev.parley.nat.relay.websocket.RelayConnectException;
import dev.parley.nat.relay.websocket.RelayProtocol;
import dev.parley.nat.relay.websocket.RelayReconnect;
import dev.parley.nat.relay.websocket.RelayWebSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RelayWebSocketTest {
    private final SecureRandom random = new SecureRandom();
    private final RelayTokenIssuer issuer = new RelayTokenIssuer(RelaySecret.generate(random), Clock.systemUTC(), random);
    private Server server;
    private URI uri;

    @BeforeEach
    void start() throws Exception {
        RelayServerCore core = new RelayServerCore(issuer, RelayLimits.defaults(), Clock.systemUTC());
        server = RelayWebSocket.startStandalone(new InetSocketAddress("127.0.0.1", 0), core);
        uri = URI.create("ws://127.0.0.1:" + RelayWebSocket.boundPort(server) + RelayProtocol.PATH);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void twoPeersExchangeFramesThroughTheRelay() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        List<byte[]> atAlice = new CopyOnWriteArrayList<>();
        List<byte[]> atBob = new CopyOnWriteArrayList<>();
        try (RelayClient a = RelayClient.connect(uri, alloc.first(), Duration.ofSeconds(5), atAlice::add);
             RelayClient b = RelayClient.connect(uri, alloc.second(), Duration.ofSeconds(5), atBob::add)) {
            for (int i = 0; i < 100; i++) {
                a.send(new byte[] {(byte) i, 1});
                b.send(new byte[] {(byte) i, 2});
            }
            Await.until(() -> atAlice.size() == 100 && atBob.size() == 100, Duration.ofSeconds(10), "100 frames each way");
            assertArrayEquals(new byte[] {42, 1}, atBob.get(42));
            assertArrayEquals(new byte[] {99, 2}, atAlice.get(99));
        }
    }

    @Test
    void forgedTokenIsRefusedWithCloseCode() throws Exception {
        RelayToken good = issuer.allocate("alice", "bob", Duration.ofMinutes(5)).first();
        byte[] mac = good.mac();
        mac[0] ^= 1;
        RelayToken forged = new RelayToken(good.allocationId(), "alice", "bob", good.expiresAt(), mac);
        RelayConnectException e = assertThrows(RelayConnectException.class,
                () -> RelayClient.connect(uri, forged, Duration.ofSeconds(5), f -> { }));
        assertEquals(RelayProtocol.CLOSE_BAD_TOKEN, e.closeCode());
    }

    @Test
    void secondConnectionWithTheSameTokenIsRefused() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        try (RelayClient a = RelayClient.connect(uri, alloc.first(), Duration.ofSeconds(5), f -> { })) {
            RelayConnectException e = assertThrows(RelayConnectException.class,
                    () -> RelayClient.connect(uri, alloc.first(), Duration.ofSeconds(5), f -> { }));
            assertEquals(RelayProtocol.CLOSE_ALREADY_ATTACHED, e.closeCode());
        }
    }

    @Test
    void clientReattachesAfterTheRelayDropsItsConnection() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        List<byte[]> atBob = new CopyOnWriteArrayList<>();
        List<RelayClient.State> statesA = new CopyOnWriteArrayList<>();
        List<RelayClient.State> statesB = new CopyOnWriteArrayList<>();
        RelayReconnect fast = new RelayReconnect(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(15));
        try (RelayClient a = RelayClient.connect(uri, alloc.first(), Duration.ofSeconds(5), f -> { }, fast, statesA::add);
             RelayClient b = RelayClient.connect(uri, alloc.second(), Duration.ofSeconds(5), atBob::add, fast,
                     statesB::add)) {
            ServerConnector connector = (ServerConnector) server.getConnectors()[0];
            assertEquals(2, connector.getConnectedEndPoints().size());
            connector.getConnectedEndPoints().forEach(EndPoint::close);

            Await.until(() -> statesA.contains(RelayClient.State.RECONNECTING) && a.state() == RelayClient.State.ATTACHED
                    && statesB.contains(RelayClient.State.RECONNECTING) && b.state() == RelayClient.State.ATTACHED,
                    Duration.ofSeconds(10), "both clients to re-attach on their own");
            Await.until(() -> {
                a.send(new byte[] {9});
                return !atBob.isEmpty();
            }, Duration.ofSeconds(10), "a frame through the re-attached relay");
            assertArrayEquals(new byte[] {9}, atBob.get(0));
            assertEquals(RelayClient.State.ATTACHED, statesA.get(statesA.size() - 1));
        }
    }

    @Test
    void clientStopsWhenTheRelayEndsTheAllocation() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        RelayTokenIssuer timedIssuer = new RelayTokenIssuer(RelaySecret.generate(random), clock, random);
        RelayServerCore core = new RelayServerCore(timedIssuer, RelayLimits.defaults(), clock);
        Server timed = RelayWebSocket.startStandalone(new InetSocketAddress("127.0.0.1", 0), core);
        try {
            URI timedUri = URI.create("ws://127.0.0.1:" + RelayWebSocket.boundPort(timed) + RelayProtocol.PATH);
            var alloc = timedIssuer.allocate("alice", "bob", Duration.ofMinutes(5));
            List<RelayClient.State> states = new CopyOnWriteArrayList<>();
            try (RelayClient a = RelayClient.connect(timedUri, alloc.first(), Duration.ofSeconds(5), f -> { },
                    new RelayReconnect(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(15)),
                    states::add)) {
                clock.advance(Duration.ofMinutes(6));
                core.sweep();
                Await.until(() -> !states.isEmpty(), Duration.ofSeconds(10),
                        "the client to give up on an ended allocation");
                assertEquals(List.of(RelayClient.State.CLOSED), states, "no re-attach for an allocation that ended");
                assertFalse(a.isOpen());
                assertFalse(a.send(new byte[] {1}));
            }
        } finally {
            timed.stop();
        }
    }

    @Test
    void backoffDoublesUpToItsCap() {
        RelayReconnect policy = new RelayReconnect(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(15));
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L), java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> policy.backoff(i).toMillis()).toList());
        assertEquals(5000L, policy.backoff(1000).toMillis());
        assertThrows(IllegalArgumentException.class,
                () -> new RelayReconnect(Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(15)));
        assertThrows(IllegalArgumentException.class,
                () -> new RelayReconnect(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(15)));
    }
}
