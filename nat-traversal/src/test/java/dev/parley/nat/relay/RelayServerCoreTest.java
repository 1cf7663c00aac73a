package dev.parley.nat.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.nat.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RelayServerCoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final SecureRandom random = new SecureRandom();
    private final RelaySecret secret = RelaySecret.generate(random);
    private final RelayTokenIssuer issuer = new RelayTokenIssuer(secret, clock, random);
    private final RelayLimits limits = new RelayLimits(1200, 10_000, 5_000, 50_000, Duration.ofMinutes(10), 3);
    private final RelayServerCore core = new RelayServerCore(issuer, limits, clock);

    static final class Sink implements RelaySink {
        final List<byte[]> frames = new CopyOnWriteArrayList<>();
        final List<String> closes = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(byte[] frame) {
            frames.add(frame);
        }

        @Override
        public void close(String reason) {
            closes.add(reason);
        }
    }

    @Test
    void forwardsFramesBetweenTheTwoPeersBothWays() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        Sink a = new Sink();
        Sink b = new Sink();
        var atA = core.attach(alloc.first().encode(), a);
        assertEquals(ForwardResult.PEER_ABSENT, atA.forward(new byte[] {1}));
        var atB = core.attach(alloc.second().encode(), b);
        assertEquals(ForwardResult.DELIVERED, atA.forward(new byte[] {2}));
        assertEquals(ForwardResult.DELIVERED, atB.forward(new byte[] {3}));
        assertArrayEquals(new byte[] {2}, b.frames.getFirst());
        assertArrayEquals(new byte[] {3}, a.frames.getFirst());
        assertEquals(1, b.frames.size(), "the frame sent before bob attached is dropped, not queued");
    }

    @Test
    void rejectsEveryFlippedByteOfAToken() {
        byte[] good = issuer.allocate("alice", "bob", Duration.ofMinutes(5)).first().encode();
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            RelayRejectedException e = assertThrows(RelayRejectedException.class, () -> core.attach(bad, new Sink()),
                    "flipped byte " + i);
            assertTrue(e.reason() == RelayRejectedException.Reason.BAD_TOKEN, "byte " + i + ": " + e.reason());
        }
        assertEquals(0, core.allocationCount());
    }

    @Test
    void rejectsTruncatedAndOversizedTokens() {
        byte[] good = issuer.allocate("alice", "bob", Duration.ofMinutes(5)).first().encode();
        for (int n = 0; n < good.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(good, n);
            assertThrows(RelayRejectedException.class, () -> core.attach(cut, new Sink()));
        }
        byte[] longer = java.util.Arrays.copyOf(good, RelayToken.MAX_ENCODED_LENGTH + 1);
        assertThrows(RelayRejectedException.class, () -> core.attach(longer, new Sink()));
    }

    @Test
    void thirdPartyCannotJoinSomeoneElsesAllocation() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        Sink a = new Sink();
        core.attach(alloc.first().encode(), a);
        // Mallory knows the allocation id but not the secret: her self-made token fails the MAC.
        RelayTokenIssuer forger = new RelayTokenIssuer(RelaySecret.generate(random), clock, random);
        RelayToken forged = forger.sign(alloc.first().allocationId(), "bob", "alice", alloc.first().expiresAt());
        assertEquals(RelayRejectedException.Reason.BAD_TOKEN,
                assertThrows(RelayRejectedException.class, () -> core.attach(forged.encode(), new Sink())).reason());
        // Replaying Alice's own token while she is attached is refused.
        assertEquals(RelayRejectedException.Reason.ALREADY_ATTACHED,
                assertThrows(RelayRejectedException.class, () -> core.attach(alloc.first().encode(), new Sink())).reason());
        // A genuine token for another allocation reaches only that allocation's peer.
        var other = issuer.allocate("mallory", "bob", Duration.ofMinutes(5));
        var atMallory = core.attach(other.first().encode(), new Sink());
        assertEquals(ForwardResult.PEER_ABSENT, atMallory.forward(new byte[] {9}));
        assertTrue(a.frames.isEmpty());
    }

    @Test
    void expiredTokenIsRefused() {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(RelayRejectedException.Reason.EXPIRED, assertThrows(RelayRejectedException.class,
                () -> core.attach(alloc.first().encode(), new Sink())).reason());
    }

    @Test
    void framesForAnExpiredAllocationAreRefusedAndBothSidesClosed() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        Sink a = new Sink();
        Sink b = new Sink();
        var atA = core.attach(alloc.first().encode(), a);
        core.attach(alloc.second().encode(), b);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(ForwardResult.CLOSED, atA.forward(new byte[] {1}));
        assertEquals(1, a.closes.size());
        assertEquals(1, b.closes.size());
        assertTrue(b.frames.isEmpty());
        assertEquals(0, core.allocationCount());
    }

    @Test
    void allocationLifetimeIsCappedWhateverTheTokenSays() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofDays(1));
        var atA = core.attach(alloc.first().encode(), new Sink());
        core.attach(alloc.second().encode(), new Sink());
        clock.advance(limits.maxLifetime());
        assertEquals(ForwardResult.CLOSED, atA.forward(new byte[] {1}));
    }

    @Test
    void rateLimitDropsFramesBeyondTheBurstAndRecoversWithTime() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        Sink b = new Sink();
        var atA = core.attach(alloc.first().encode(), new Sink());
        core.attach(alloc.second().encode(), b);
        byte[] frame = new byte[1000];
        int delivered = 0;
        for (int i = 0; i < 20; i++) {
            if (atA.forward(frame) == ForwardResult.DELIVERED) {
                delivered++;
            }
        }
        assertEquals(5, delivered, "burst of 5000 bytes allows five 1000-byte frames");
        assertEquals(ForwardResult.RATE_LIMITED, atA.forward(frame));
        clock.advance(Duration.ofMillis(100));
        assertEquals(ForwardResult.DELIVERED, atA.forward(frame), "10 kB/s refills 1000 bytes in 100 ms");
    }

    @Test
    void byteQuotaClosesTheAllocation() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        Sink b = new Sink();
        var atA = core.attach(alloc.first().encode(), new Sink());
        core.attach(alloc.second().encode(), b);
        ForwardResult last = ForwardResult.DELIVERED;
        for (int i = 0; i < 100 && last != ForwardResult.CLOSED; i++) {
            clock.advance(Duration.ofSeconds(1));
            last = atA.forward(new byte[1000]);
        }
        assertEquals(ForwardResult.CLOSED, last);
        assertEquals(50, b.frames.size(), "exactly the 50 000-byte quota was forwarded");
        assertFalse(b.closes.isEmpty());
    }

    @Test
    void oversizedFrameIsDropped() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        var atA = core.attach(alloc.first().encode(), new Sink());
        core.attach(alloc.second().encode(), new Sink());
        assertEquals(ForwardResult.TOO_LARGE, atA.forward(new byte[limits.maxFrameBytes() + 1]));
    }

    @Test
    void refusesNewAllocationsWhenFull() throws Exception {
        for (int i = 0; i < limits.maxAllocations(); i++) {
            core.attach(issuer.allocate("a" + i, "b" + i, Duration.ofMinutes(5)).first().encode(), new Sink());
        }
        assertEquals(RelayRejectedException.Reason.CAPACITY, assertThrows(RelayRejectedException.class, () -> core
                .attach(issuer.allocate("x", "y", Duration.ofMinutes(5)).first().encode(), new Sink())).reason());
    }

    @Test
    void aDetachedSideMayReattachWithItsToken() throws Exception {
        var alloc = issuer.allocate("alice", "bob", Duration.ofMinutes(5));
        core.attach(alloc.first().encode(), new Sink()).detach();
        Sink again = new Sink();
        var atA = core.attach(alloc.first().encode(), again);
        core.attach(alloc.second().encode(), new Sink()).forward(new byte[] {7});
        assertEquals(1, again.frames.size());
        assertEquals(ForwardResult.PEER_ABSENT, core.attach(
                issuer.allocate("carol", "dave", Duration.ofMinutes(5)).first().encode(), new Sink()).forward(new byte[1]));
        assertTrue(atA.forward(new byte[] {1}) == ForwardResult.DELIVERED);
    }

    @Test
    void tokenRoundTripsAndRedactsItsMac() throws Exception {
        RelayToken t = issuer.allocate("alice", "bob", Duration.ofMinutes(5)).first();
        assertEquals(t, RelayToken.fromBase64(t.toBase64()));
        assertFalse(t.toString().contains(java.util.HexFormat.of().formatHex(t.mac())));
        assertEquals("RelaySecret[redacted]", secret.toString());
        issuer.verify(t);
    }
}
