package dev.parley.mediator.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.metrics.MediatorMetrics;
import dev.parley.mediator.metrics.RejectReason;
import dev.parley.mediator.protocol.ProtocolExtension;
import dev.parley.nat.relay.RelaySecret;
import dev.parley.nat.relay.RelayToken;
import dev.parley.nat.relay.RelayTokenIssuer;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay/1.0 handler alone, on a clock the test moves: answers, bounds and refusals. */
class RelayAllocationsTest {
    private static final String ALICE = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
    private static final String BOB = "did:peer:2.Ez6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc.Vz6MkqRYqQiSgvZQdnBytw86Qbs2ZWUkGv22od935YF4s8M7V";
    private static final URI RELAY = URI.create("ws://mediator.test:8080/relay");

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RelayTokenIssuer issuer = new RelayTokenIssuer(RelaySecret.generate(new SecureRandom()), clock,
            new SecureRandom());
    private final MediatorMetrics metrics = new MediatorMetrics();

    private RelayAllocations handler(RelayAllocationLimits limits) {
        return new RelayAllocations(issuer, RELAY, List.of("203.0.113.10:3478"), limits, clock, metrics);
    }

    private static Message allocate(String peer, Long ttl) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (peer != null) {
            body.put("peer_did", peer);
        }
        if (ttl != null) {
            body.put("ttl_seconds", ttl);
        }
        return Message.builder("1", RelayAllocations.ALLOCATE).from(ALICE).body(body).build();
    }

    @Test
    void allocationCarriesTwoTokensOfOnePairTheRelayUrlAndStun() throws Exception {
        ProtocolExtension.Reply r = handler(RelayAllocationLimits.defaults()).handle(ALICE, allocate(BOB, null),
                clock.instant());
        assertEquals(RelayAllocations.ALLOCATION, r.type());
        RelayToken mine = RelayToken.fromBase64(r.body().path("token").asText());
        RelayToken peers = RelayToken.fromBase64(r.body().path("peer_token").asText());
        issuer.verify(mine);
        issuer.verify(peers);
        assertEquals(RelayPeerIds.of(ALICE), mine.holder());
        assertEquals(RelayPeerIds.of(BOB), mine.peer());
        assertEquals(RelayPeerIds.of(BOB), peers.holder());
        assertEquals(mine.allocationHex(), peers.allocationHex());
        assertEquals(clock.instant().plus(Duration.ofMinutes(30)).getEpochSecond(), r.body().path("expires_time").asLong());
        assertEquals(RELAY.toString(), r.body().path("relay_url").asText());
        assertEquals("203.0.113.10:3478", r.body().path("stun").get(0).asText());
        assertEquals(BOB, r.body().path("peer_did").asText());
        assertTrue(metrics.scrape().contains("parley_mediator_relay_allocations_issued_total 1"), metrics.scrape());
    }

    @Test
    void natConfigNamesRelayAndStunWithoutTokens() throws Exception {
        ProtocolExtension.Reply r = handler(RelayAllocationLimits.defaults()).handle(ALICE,
                Message.builder("2", RelayAllocations.NAT_CONFIG_REQUEST).from(ALICE)
                        .body(JsonNodeFactory.instance.objectNode()).build(), clock.instant());
        assertEquals(RelayAllocations.NAT_CONFIG, r.type());
        assertEquals(RELAY.toString(), r.body().path("relay_url").asText());
        assertEquals(1, r.body().path("stun").size());
        assertTrue(r.body().path("token").isMissingNode());
    }

    @Test
    void refusesMoreLiveAllocationsThanTheQuotaUntilOneExpires() throws Exception {
        RelayAllocations h = handler(new RelayAllocationLimits(2, Duration.ofMinutes(5), Duration.ofHours(1), 100,
                100, 10));
        h.handle(ALICE, allocate(BOB, null), clock.instant());
        h.handle(ALICE, allocate(BOB, null), clock.instant());
        ProtocolExtension.Refused r = assertThrows(ProtocolExtension.Refused.class,
                () -> h.handle(ALICE, allocate(BOB, null), clock.instant()));
        assertEquals("e.p.relay.too-many-allocations", r.code());
        assertEquals(403, r.status());
        h.handle(BOB, allocate(ALICE, null), clock.instant()); // the quota is per DID
        clock.advance(Duration.ofMinutes(5));
        h.handle(ALICE, allocate(BOB, null), clock.instant());
        assertEquals(4, h.issuedCount());
    }

    @Test
    void refusesRequestsAboveTheRatePerDid() throws Exception {
        RelayAllocations h = handler(new RelayAllocationLimits(100, Duration.ofMinutes(5), Duration.ofHours(1), 1, 3,
                10));
        for (int i = 0; i < 3; i++) {
            h.handle(ALICE, allocate(BOB, null), clock.instant());
        }
        ProtocolExtension.Refused r = assertThrows(ProtocolExtension.Refused.class,
                () -> h.handle(ALICE, allocate(BOB, null), clock.instant()));
        assertEquals("e.p.relay.rate-limited", r.code());
        assertEquals(RejectReason.RATE_LIMITED, r.reason());
        clock.advance(Duration.ofSeconds(1));
        h.handle(ALICE, allocate(BOB, null), clock.instant());
    }

    @Test
    void boundsTheRequestedLifetime() throws Exception {
        RelayAllocations h = handler(RelayAllocationLimits.defaults());
        ProtocolExtension.Reply r = h.handle(ALICE, allocate(BOB, 120L), clock.instant());
        assertEquals(clock.instant().getEpochSecond() + 120, r.body().path("expires_time").asLong());
        for (long bad : new long[] {0, 59, 3601, -5}) {
            ProtocolExtension.Refused e = assertThrows(ProtocolExtension.Refused.class,
                    () -> h.handle(ALICE, allocate(BOB, bad), clock.instant()), "ttl " + bad);
            assertEquals("e.p.msg.relay.ttl", e.code());
        }
    }

    @Test
    void refusesAMissingMalformedOversizedOrSelfPeer() {
        RelayAllocations h = handler(RelayAllocationLimits.defaults());
        List<String> bad = new java.util.ArrayList<>(java.util.Arrays.asList(null, "", "bob", "did:", "did:key:",
                "did:key:" + "z".repeat(RelayAllocations.MAX_DID_LENGTH), ALICE));
        for (String peer : bad) {
            ProtocolExtension.Refused e = assertThrows(ProtocolExtension.Refused.class,
                    () -> h.handle(ALICE, allocate(peer, null), clock.instant()), "peer " + peer);
            assertEquals("e.p.msg.relay.peer-did", e.code(), "peer " + peer);
        }
        assertEquals(0, h.issuedCount());
    }

    @Test
    void relayPeerIdsAreShortStableAndDistinct() {
        assertEquals(RelayPeerIds.of(BOB), RelayPeerIds.of(BOB));
        assertTrue(RelayPeerIds.of(BOB).length() <= 64);
        assertTrue(!RelayPeerIds.of(ALICE).equals(RelayPeerIds.of(BOB)));
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
