package dev.parley.nat.link.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Consent to keep sending on the direct pair, in the spirit of RFC 7675: consent is granted when
 * ICE selects the pair and refreshed only by a pong that echoes the random 64-bit nonce of a ping
 * we sent on that pair within the timeout; it expires when none arrives for {@code timeout}.
 * Received data does not count (RFC 7675 section 5.1: traffic from the peer is no proof that our
 * traffic still reaches it). Outstanding nonces are bounded ({@link #MAX_OUTSTANDING}, oldest
 * forgotten first). Thread safe.
 */
final class ConsentFreshness {
    static final int MAX_OUTSTANDING = 32;

    private final Duration timeout;
    private final Clock clock;
    private final Map<Long, Instant> outstanding = new LinkedHashMap<>();
    private Instant lastConsent;

    ConsentFreshness(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The pair was just validated by ICE: consent starts now. */
    synchronized void grant() {
        lastConsent = clock.instant();
        outstanding.clear();
    }

    /** A ping with {@code nonce} went out on the direct pair. */
    synchronized void probeSent(long nonce) {
        outstanding.put(nonce, clock.instant());
        Iterator<Long> oldest = outstanding.keySet().iterator();
        while (outstanding.size() > MAX_OUTSTANDING) {
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * A pong came back on the direct pair. Returns true, and refreshes consent, only when it echoes
     * an outstanding nonce sent within the timeout; anything else (forged, replayed, stale) is ignored.
     */
    synchronized boolean answered(long nonce) {
        Instant sent = outstanding.remove(nonce);
        Instant now = clock.instant();
        if (sent == null || lastConsent == null || !now.isBefore(sent.plus(timeout))) {
            return false;
        }
        lastConsent = now;
        return true;
    }

    /** True once consent was granted and no valid answer arrived for the whole timeout. */
    synchronized boolean expired() {
        return lastConsent != null && !clock.instant().isBefore(lastConsent.plus(timeout));
    }

    /** Time since consent was last granted or refreshed (zero before the first grant). */
    synchronized Duration sinceConsent() {
        return lastConsent == null ? Duration.ZERO : Duration.between(lastConsent, clock.instant());
    }
}
