package dev.parley.mediator.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.mediator.MediatorRefusedException;
import dev.parley.didcomm.mediator.NatConfig;
import dev.parley.didcomm.mediator.RelayGrant;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.Parties;
import dev.parley.mediator.StunPorts;
import dev.parley.mediator.metrics.RejectReason;
import dev.parley.nat.relay.websocket.RelayClient;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** relay/1.0 end to end: a real mediator (HTTP, STUN, relay) and the real {@link MediatorClient}. */
class RelayAllocationOverDidCommTest {
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path data;

    private LocalIdentity party(Mediator m) {
        return Parties.party(random, m.httpUrl().toString(), m.did(), false);
    }

    @Test
    void aMediatedPartyGetsTokensThatJoinItToItsPeerThroughTheRelay() throws Exception {
        StunPorts stun = new StunPorts(InetAddress.getLoopbackAddress(), 0, 0);
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data).withStun(stun))) {
            LocalIdentity alice = party(m);
            LocalIdentity bob = party(m);
            try (MediatorClient client = Parties.client(m, alice)) {
                client.requestMediation();
                RelayGrant grant = client.allocateRelay(bob.did());
                assertEquals(m.relayUrl(), grant.nat().relayUrl());
                int port = m.stunAddresses().orElseThrow().get(0).getPort();
                assertEquals(List.of("127.0.0.1:" + port), grant.nat().stunServers());
                assertEquals(m.advertisedStun(), grant.nat().stunServers());
                assertEquals(bob.did(), grant.peerDid());
                assertFalse(grant.toString().contains(grant.token().toBase64()), "tokens stay out of toString");
                assertTrue(m.metrics().scrape().contains("parley_mediator_relay_allocations_issued_total 1"));
                assertEquals(1, m.metrics().messagesInCount("relay-1.0/allocate"));

                BlockingQueue<byte[]> atBob = new LinkedBlockingQueue<>();
                try (RelayClient a = RelayClient.connect(grant.nat().relayUrl(), grant.token(), Duration.ofSeconds(10),
                        f -> { });
                        RelayClient b = RelayClient.connect(grant.nat().relayUrl(), grant.peerToken(),
                                Duration.ofSeconds(10), atBob::add)) {
                    byte[] frame = "through the mediator's relay".getBytes(StandardCharsets.UTF_8);
                    byte[] got = null;
                    for (int i = 0; i < 50 && got == null; i++) { // the relay may see b attach a moment later
                        a.send(frame);
                        got = atBob.poll(200, TimeUnit.MILLISECONDS);
                    }
                    assertNotNull(got, "bob never received alice's frame");
                    assertArrayEquals(frame, got);
                }
            }
        }
    }

    @Test
    void natConfigAdvertisesTheOperatorsStunAddress() throws Exception {
        StunPorts stun = new StunPorts(InetAddress.getLoopbackAddress(), 0, 0, Optional.of("stun.example.net:3478"));
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data).withStun(stun));
                MediatorClient client = Parties.client(m, party(m))) {
            client.requestMediation();
            NatConfig nat = client.natConfig();
            assertEquals(List.of("stun.example.net:3478"), nat.stunServers());
            assertEquals(m.relayUrl(), nat.relayUrl());
        }
    }

    @Test
    void withoutStunTheAnswerNamesOnlyTheRelay() throws Exception {
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data));
                MediatorClient client = Parties.client(m, party(m))) {
            client.requestMediation();
            assertEquals(List.of(), client.natConfig().stunServers());
        }
    }

    @Test
    void aDidWithoutMediationIsRefused() throws Exception {
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data));
                MediatorClient client = Parties.client(m, party(m))) {
            MediatorRefusedException e = assertThrows(MediatorRefusedException.class,
                    () -> client.allocateRelay(party(m).did()));
            assertEquals("e.p.trust.not-mediated", e.code());
            assertEquals(403, e.httpStatus());
            assertThrows(MediatorRefusedException.class, client::natConfig);
            assertTrue(m.metrics().scrape().contains("parley_mediator_relay_allocations_issued_total 0"));
            assertEquals(2, m.metrics().rejectedCount(RejectReason.NOT_AUTHORIZED), "both refusals are counted");
        }
    }

    @Test
    void aMalformedRequestGetsAProblemReportNamingTheField() throws Exception {
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data));
                MediatorClient client = Parties.client(m, party(m))) {
            client.requestMediation();
            MediatorRefusedException e = assertThrows(MediatorRefusedException.class,
                    () -> client.allocateRelay("not a did"));
            assertEquals("e.p.msg.relay.peer-did", e.code());
            e = assertThrows(MediatorRefusedException.class,
                    () -> client.allocateRelay(party(m).did(), Duration.ofDays(1)));
            assertEquals("e.p.msg.relay.ttl", e.code());
        }
    }
}
