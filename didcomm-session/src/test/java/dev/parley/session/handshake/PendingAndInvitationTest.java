package dev.parley.session.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PendingAndInvitationTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
    private final java.time.Clock clock = new java.time.Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void floodOfHandshakeStartsIsBounded() throws Exception {
        HandshakeFixture f = new HandshakeFixture(3);
        PendingHandshakes pending = new PendingHandshakes(64, Duration.ofSeconds(30), clock);
        int refused = 0;
        for (int i = 0; i < 1000; i++) {
            SessionHandshake h = f.initiator(f.binding("t" + i, AppFingerprint.NONE));
            h.writePropose();
            try {
                pending.add(h);
            } catch (TooManyPendingHandshakesException e) {
                refused++;
            }
        }
        assertEquals(64, pending.size());
        assertEquals(1000 - 64, refused);
        now.set(now.get().plusSeconds(31));
        assertEquals(0, pending.size(), "timed-out handshakes are forgotten");
        assertTrue(pending.take("t0").isEmpty());
    }

    @Test
    void pendingHandshakeIsTakenOnceAndGlareIsVisible() throws Exception {
        HandshakeFixture f = new HandshakeFixture(4);
        PendingHandshakes pending = new PendingHandshakes(4, Duration.ofSeconds(30), clock);
        SessionHandshake h = f.initiator(f.binding("t", AppFingerprint.NONE));
        h.writePropose();
        pending.add(h);
        assertEquals("t", pending.pendingThreadWith(f.responderDid).orElseThrow());
        assertTrue(pending.take("t").isPresent());
        assertTrue(pending.take("t").isEmpty());
    }

    @Test
    void expiredUsedAndUnknownInvitationsAreRefusedWithTheirReason() throws Exception {
        InvitationRegistry registry = new InvitationRegistry("did:example:alice", 8, clock, HandshakeFixture.seeded(1));
        SessionInvitation once = registry.issue(Duration.ofMinutes(10), true, AppFingerprint.NONE);
        SessionInvitation many = registry.issue(Duration.ofMinutes(10), false, AppFingerprint.NONE);
        registry.redeem(once.id());
        InvitationException used = assertThrows(InvitationException.class, () -> registry.redeem(once.id()));
        assertEquals(InvitationException.Reason.USED, used.reason());
        assertEquals("session.invitation-used", used.problemCode());
        registry.redeem(many.id());
        registry.redeem(many.id());
        now.set(now.get().plus(Duration.ofMinutes(11)));
        InvitationException expired = assertThrows(InvitationException.class, () -> registry.redeem(many.id()));
        assertEquals(InvitationException.Reason.EXPIRED, expired.reason());
        assertTrue(expired.getMessage().contains("expired at"), expired.getMessage());
        assertEquals(InvitationException.Reason.UNKNOWN,
                assertThrows(InvitationException.class, () -> registry.redeem("inv-nope")).reason());
    }
}
