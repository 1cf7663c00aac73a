package dev.parley.mediator.nat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.StunPorts;
import dev.parley.nat.relay.RelaySecret;
import dev.parley.nat.relay.RelayTokenIssuer;
import dev.parley.nat.relay.websocket.RelayClient;
import dev.parley.nat.relay.websocket.RelayConnectException;
import dev.parley.nat.stun.BindingResponse;
import dev.parley.nat.stun.StunClient;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mediator embeds nat-traversal's relay (on its HTTP port, at /relay) and, when asked, a STUN server. */
class EmbeddedRelayAndStunTest {

    @TempDir
    Path data;

    @Test
    void twoPartiesExchangeFramesThroughTheEmbeddedRelayWithMediatorIssuedTokens() throws Exception {
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data))) {
            assertEquals(m.httpUrl().getPort(), m.relayUrl().getPort(), "the relay shares the mediator's port");
            var allocation = m.relayTokens().allocate("did:peer:2.alice", "did:peer:2.bob", Duration.ofMinutes(5));
            BlockingQueue<byte[]> atBob = new LinkedBlockingQueue<>();
            try (RelayClient alice = RelayClient.connect(m.relayUrl(), allocation.first(), Duration.ofSeconds(10),
                    f -> { });
                    RelayClient bob = RelayClient.connect(m.relayUrl(), allocation.second(), Duration.ofSeconds(10),
                            atBob::add)) {
                assertTrue(bob.isOpen());
                byte[] frame = "hello over the relay".getBytes(StandardCharsets.UTF_8);
                byte[] got = null;
                for (int i = 0; i < 50 && got == null; i++) { // the peer may attach a moment after us
                    alice.send(frame);
                    got = atBob.poll(200, TimeUnit.MILLISECONDS);
                }
                assertNotNull(got, "bob never received alice's frame");
                assertArrayEquals(frame, got);
            }
            // The DIDComm WebSocket still has its own limits next to the relay's.
            assertTrue(m.metrics().scrape().contains("parley_mediator_relay_allocations"));
        }
    }

    @Test
    void tokensSignedWithAnotherSecretAreRefused() throws Exception {
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data))) {
            var forged = new RelayTokenIssuer(RelaySecret.generate(new SecureRandom()), Clock.systemUTC(),
                    new SecureRandom()).allocate("a", "b", Duration.ofMinutes(5));
            assertThrows(RelayConnectException.class, () -> RelayClient.connect(m.relayUrl(), forged.first(),
                    Duration.ofSeconds(10), f -> { }).close());
        }
    }

    @Test
    void theEmbeddedStunServerAnswersBindingRequests() throws Exception {
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data).withStun(new StunPorts(InetAddress.getLoopbackAddress(), 0, 0)));
                DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            List<InetSocketAddress> stun = m.stunAddresses().orElseThrow();
            BindingResponse r = new StunClient(socket).binding(stun.get(0), Duration.ofSeconds(5));
            assertEquals(socket.getLocalPort(), r.mappedAddress().getPort());
        }
    }
}
