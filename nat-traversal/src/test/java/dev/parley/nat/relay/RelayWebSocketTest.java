package dev.parley.nat.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.nat.Await;
import dev.parley.nat.relay.websocket.RelayClient;
import dev.parley.nat.relay.websocket.RelayConnectException;
import dev.parley.nat.relay.websocket.RelayProtocol;
import dev.parley.nat.relay.websocket.RelayWebSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Server;
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
}
