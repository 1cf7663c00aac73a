package dev.parley.session.handshake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The initiator's handshakes waiting for an accept, keyed by thread id, bounded in count and age. A responder keeps
 * nothing pending (it answers a propose at once), so this bound is all the memory a flood of handshake starts can
 * take. Thread-safe.
 */
public final class PendingHandshakes {
    private final int maxPending;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Entry> pending = new LinkedHashMap<>();

    private record Entry(SessionHandshake handshake, Instant deadline) {
    }

    public PendingHandshakes(int maxPending, Duration timeout, Clock clock) {
        if (maxPending < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("maxPending must be >= 1 and timeout positive");
        }
        this.maxPending = maxPending;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Registers an initiator's handshake that has sent its propose. */
    public synchronized void add(SessionHandshake handshake) throws TooManyPendingHandshakesException {
        if (!handshake.isInitiator() || handshake.state() != SessionHandshake.State.AWAITING_ACCEPT) {
            throw new IllegalArgumentException("only an initiator awaiting its accept can be pending");
        }
        expire();
        String thread = handshake.binding().threadId();
        if (pending.containsKey(thread)) {
            throw new IllegalArgumentException("a handshake for thread " + thread + " is already pending");
        }
        if (pending.size() >= maxPending) {
            throw new TooManyPendingHandshakesException(maxPending);
        }
        pending.put(thread, new Entry(handshake, clock.instant().plus(timeout)));
    }

    /** Removes and returns the handshake for {@code threadId}, unless it is unknown or timed out. */
    public synchronized Optional<SessionHandshake> take(String threadId) {
        expire();
        Entry e = pending.remove(threadId);
        return e == null ? Optional.empty() : Optional.of(e.handshake());
    }

    /** Whether a handshake to {@code peerDid} is pending (for glare: both sides proposed). */
    public synchronized Optional<String> pendingThreadWith(String peerDid) {
        expire();
        return pending.entrySet().stream().filter(e -> e.getValue().handshake().binding().responderDid().equals(peerDid))
                .map(Map.Entry::getKey).findFirst();
    }

    public synchronized int size() {
        expire();
        return pending.size();
    }

    private void expire() {
        Instant now = clock.instant();
        for (Iterator<Entry> it = pending.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().deadline())) {
                it.remove();
            }
        }
    }
}
