package dev.parley.mediator.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of WebSocket messages read and not yet answered, across every connection of one server. A connection
 * may always have one message in flight (as if it had no window); it reads ahead of that only while the total
 * is under the cap, so many connections that each fill their window cannot hold more than about the cap plus
 * one message each. Thread-safe.
 */
final class InFlightBytes {

    private final long cap;
    private final AtomicLong bytes = new AtomicLong();

    InFlightBytes(long cap) {
        if (cap <= 0) {
            throw new IllegalArgumentException("the in-flight cap must be positive, got " + cap);
        }
        this.cap = cap;
    }

    void take(int n) {
        bytes.addAndGet(n);
    }

    void give(int n) {
        bytes.addAndGet(-n);
    }

    /** Whether a connection that already has a message in flight may read another. */
    boolean hasRoom() {
        return bytes.get() < cap;
    }
}
