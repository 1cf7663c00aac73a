package dev.parley.nat.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.nat.Await;
import dev.parley.nat.check.MappingBehavior;
import dev.parley.nat.check.NatCheckResult;
import dev.parley.nat.check.NatChecker;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StunServerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private StunServer server;

    @BeforeEach
    void start() throws Exception {
        server = StunServer.start(StunServerConfig.of(LOOPBACK, 0, 0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersBindingWithMappedAddressAndOtherAddress() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
            BindingResponse r = new StunClient(socket).binding(server.primaryAddress(), Duration.ofSeconds(2));
            assertEquals(socket.getLocalSocketAddress(), r.mappedAddress());
            assertEquals(server.secondaryAddress(), r.otherAddress().orElseThrow());
            assertEquals(server.primaryAddress(), r.responseOrigin().orElseThrow());
        }
    }

    @Test
    void changePortRequestIsAnsweredFromTheOtherPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
            BindingResponse r = new StunClient(socket).binding(server.primaryAddress(), StunAttributes.CHANGE_PORT,
                    Duration.ofSeconds(2));
            assertEquals(server.secondaryAddress(), r.responseOrigin().orElseThrow());
        }
    }

    @Test
    void changeIpRequestGets420BecauseTheServerHasOneAddress() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
            StunTransactionException e = assertThrows(StunTransactionException.class, () -> new StunClient(socket)
                    .binding(server.primaryAddress(), StunAttributes.CHANGE_IP, Duration.ofSeconds(2)));
            assertTrue(e.getMessage().contains("420"), e.getMessage());
        }
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
            TransactionId tid = TransactionId.random(new SecureRandom());
            byte[] req = StunCodec.encode(new StunMessage(StunClass.REQUEST, StunMessage.BINDING, tid,
                    List.of(new StunAttribute(0x0027, new byte[4]))));
            StunMessage answer = exchange(socket, req, server.primaryAddress());
            assertEquals(StunClass.ERROR_RESPONSE, answer.messageClass());
            assertEquals(420, StunAttributes.decodeErrorCode(answer.attribute(StunAttribute.ERROR_CODE).orElseThrow()));
        }
    }

    @Test
    void dropsMalformedDatagramsAndKeepsServing() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
            byte[] wrongCookie = StunCodec.encode(new StunMessage(StunClass.REQUEST, StunMessage.BINDING,
                    TransactionId.random(new SecureRandom()), List.of()));
            wrongCookie[4] ^= 1;
            for (byte[] bad : List.of(new byte[0], new byte[7], new byte[StunCodec.MAX_MESSAGE_LENGTH + 1], wrongCookie)) {
                socket.send(new DatagramPacket(bad, bad.length, server.primaryAddress()));
            }
            Await.until(() -> server.stats().malformed() == 4, Duration.ofSeconds(10), "four malformed datagrams counted");
            assertEquals(0, server.stats().answered());
            BindingResponse r = new StunClient(socket).binding(server.primaryAddress(), Duration.ofSeconds(2));
            assertEquals(socket.getLocalSocketAddress(), r.mappedAddress());
        }
    }

    @Test
    void bindingFloodIsRateLimitedWhileOtherSourcesAreStillServed() throws Exception {
        server.close();
        Clock frozen = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        server = StunServer.start(new StunServerConfig(LOOPBACK, 0, 0, 10, 20, 1000, frozen));
        try (DatagramSocket flooder = new DatagramSocket(0, LOOPBACK);
             DatagramSocket other = new DatagramSocket(0, InetAddress.getByName("127.0.0.2"))) {
            SecureRandom random = new SecureRandom();
            int sent = 300;
            for (int i = 0; i < sent; i++) {
                byte[] req = StunCodec.encode(new StunMessage(StunClass.REQUEST, StunMessage.BINDING,
                        TransactionId.random(random), List.of()));
                flooder.send(new DatagramPacket(req, req.length, server.primaryAddress()));
            }
            Await.until(() -> server.stats().rateLimited() >= 100, Duration.ofSeconds(10), "flood rate limited");
            BindingResponse r = new StunClient(other).binding(server.primaryAddress(), Duration.ofSeconds(2));
            assertEquals(other.getLocalSocketAddress(), r.mappedAddress());
            assertEquals(21, server.stats().answered(), "burst of 20 for the flooder (clock frozen) plus one other");
        }
    }

    @Test
    void natCheckOnLoopbackReportsUdpAndEndpointIndependentMapping() throws Exception {
        NatCheckResult result = new NatChecker().check(server.primaryAddress());
        assertTrue(result.udp());
        assertEquals(MappingBehavior.ENDPOINT_INDEPENDENT, result.mapping());
        assertTrue(result.mappedAddress().orElseThrow().getAddress().isLoopbackAddress());
        assertTrue(result.toJson().matches(
                "\\{\"udp\":true,\"mapped_address\":\"127\\.0\\.0\\.1:\\d+\",\"mapping\":\"endpoint-independent\",\"rtt_ms\":\\d+}"),
                result.toJson());
    }

    @Test
    void natCheckReportsUdpBlockedWhenNothingAnswers() throws Exception {
        InetSocketAddress silent;
        try (DatagramSocket hole = new DatagramSocket(0, LOOPBACK)) {
            silent = (InetSocketAddress) hole.getLocalSocketAddress();
            NatCheckResult r = new NatChecker(new SecureRandom(), Clock.systemUTC(), Duration.ofMillis(300)).check(silent);
            assertEquals(NatCheckResult.udpBlocked(), r);
            assertEquals("{\"udp\":false,\"mapped_address\":null,\"mapping\":\"unknown\",\"rtt_ms\":null}", r.toJson());
        }
    }

    private static StunMessage exchange(DatagramSocket socket, byte[] request, InetSocketAddress to) throws Exception {
        socket.send(new DatagramPacket(request, request.length, to));
        socket.setSoTimeout(2000);
        DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
        socket.receive(in);
        return StunCodec.decode(in.getData(), 0, in.getLength());
    }
}
