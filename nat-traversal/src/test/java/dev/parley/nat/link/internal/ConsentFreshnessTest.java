package dev.parley.nat.link.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.nat.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsentFreshnessTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ConsentFreshness consent = new ConsentFreshness(Duration.ofSeconds(10), clock);

    @Test
    void nothingExpiresBeforeConsentIsGranted() {
        clock.advance(Duration.ofHours(1));
        assertFalse(consent.expired());
        consent.probeSent(1);
        assertFalse(consent.answered(1), "no pair selected yet, so no answer can refresh consent");
    }

    @Test
    void consentExpiresAfterTheTimeoutWithoutAnswers() {
        consent.grant();
        clock.advance(Duration.ofMillis(9_999));
        assertFalse(consent.expired());
        clock.advance(Duration.ofMillis(1));
        assertTrue(consent.expired());
        assertEquals(Duration.ofSeconds(10), consent.sinceConsent());
    }

    @Test
    void answeredProbeRefreshesConsent() {
        consent.grant();
        clock.advance(Duration.ofSeconds(8));
        consent.probeSent(42);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(consent.answered(42));
        clock.advance(Duration.ofSeconds(9));
        assertFalse(consent.expired(), "consent runs from the answer, not from the grant");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(consent.expired());
    }

    @Test
    void rejectsAnswerWithUnknownNonce() {
        consent.grant();
        consent.probeSent(42);
        clock.advance(Duration.ofSeconds(9));
        assertFalse(consent.answered(43));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(consent.expired());
    }

    @Test
    void rejectsReplayedAnswer() {
        consent.grant();
        consent.probeSent(42);
        assertTrue(consent.answered(42));
        assertFalse(consent.answered(42), "each nonce refreshes consent once");
    }

    @Test
    void rejectsAnswerToAProbeOlderThanTheTimeout() {
        consent.grant();
        consent.probeSent(42);
        clock.advance(Duration.ofSeconds(10));
        assertFalse(consent.answered(42));
        assertTrue(consent.expired());
    }

    @Test
    void forgetsTheOldestNonceBeyondTheBound() {
        consent.grant();
        for (long n = 0; n <= ConsentFreshness.MAX_OUTSTANDING; n++) {
            consent.probeSent(n);
        }
        assertFalse(consent.answered(0), "the oldest outstanding nonce was dropped");
        assertTrue(consent.answered(1));
        assertTrue(consent.answered(ConsentFreshness.MAX_OUTSTANDING));
    }

    @Test
    void regrantForgetsProbesOfTheEarlierPair() {
        consent.grant();
        consent.probeSent(7);
        consent.grant();
        assertFalse(consent.answered(7));
    }
}
