package dev.parley.mediator.limit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

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

    @Test
    void allowsTheBurstThenTheSustainedRate() {
        StepClock clock = new StepClock();
        RateLimiter rl = new RateLimiter(clock, 10, 5, 100);
        for (int i = 0; i < 5; i++) {
            assertTrue(rl.tryAcquire("a"), "burst " + i);
        }
        assertFalse(rl.tryAcquire("a"));
        clock.now = clock.now.plus(Duration.ofMillis(100)); // one token at 10/s
        assertTrue(rl.tryAcquire("a"));
        assertFalse(rl.tryAcquire("a"));
        assertTrue(rl.tryAcquire("b"), "another client has its own bucket");
    }

    @Test
    void aClockGoingBackwardsGrantsNothingExtra() {
        StepClock clock = new StepClock();
        RateLimiter rl = new RateLimiter(clock, 1, 1, 10);
        assertTrue(rl.tryAcquire("a"));
        clock.now = clock.now.minus(Duration.ofHours(1));
        assertFalse(rl.tryAcquire("a"));
    }

    @Test
    void remembersAtMostTheConfiguredNumberOfClients() {
        StepClock clock = new StepClock();
        RateLimiter rl = new RateLimiter(clock, 1, 1, 2);
        assertTrue(rl.tryAcquire("a"));
        assertFalse(rl.tryAcquire("a"));
        assertTrue(rl.tryAcquire("b"));
        assertTrue(rl.tryAcquire("c")); // evicts a, the least recently used
        assertTrue(rl.tryAcquire("a"), "an evicted client starts with a full bucket again");
    }
}
