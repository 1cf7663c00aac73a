package dev.parley.mediator.protocol;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which connections are in live mode, per mediated client DID. Thread-safe; bounded by
 * {@code maxSessions} so live mode cannot be used to pin unbounded state.
 */
final class LiveSessions {

    /**
     * A live connection, the pickup version it turned live mode on with (3 or 4), and the messages waiting
     * to be pushed to it. Messages that commit while a delivery is being sealed wait here and leave
     * together in the next delivery, so one encryption covers many messages under load.
     */
    static final class Session {
        final LiveSink sink;
        final int pickupVersion;
        final java.util.concurrent.ConcurrentLinkedQueue<dev.parley.mediator.store.QueuedMessage> pending =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        final java.util.concurrent.atomic.AtomicBoolean flushing = new java.util.concurrent.atomic.AtomicBoolean();
        /** {@link System#nanoTime()} when the last delivery was sealed; only the flushing thread writes it. */
        volatile long lastDeliveryNanos = System.nanoTime() - DELIVERY_INTERVAL.toNanos();

        Session(LiveSink sink, int pickupVersion) {
            this.sink = sink;
            this.pickupVersion = pickupVersion;
        }

        LiveSink sink() {
            return sink;
        }

        int pickupVersion() {
            return pickupVersion;
        }
    }

    /**
     * Least time between two live deliveries on one connection. It bounds the added latency (well under the
     * 50 ms goal) and lets messages that commit in the meantime leave in one delivery; see the measurements in
     * docs/benchmarks/mediator.md. A scheduling interval, not protocol time, so it reads the monotonic clock.
     */
    static final java.time.Duration DELIVERY_INTERVAL = java.time.Duration.ofMillis(10);

    private final Map<String, Set<Session>> byClient = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int maxSessions;

    LiveSessions(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    /** Turns live mode on for {@code sink}; false when the mediator already holds its maximum. */
    boolean add(String clientDid, LiveSink sink, int pickupVersion) {
        remove(clientDid, sink);
        if (count.incrementAndGet() > maxSessions) {
            count.decrementAndGet();
            return false;
        }
        byClient.computeIfAbsent(clientDid, k -> ConcurrentHashMap.newKeySet()).add(new Session(sink, pickupVersion));
        return true;
    }

    /** Turns live mode off for {@code sink}. */
    void remove(String clientDid, LiveSink sink) {
        byClient.computeIfPresent(clientDid, (k, set) -> {
            if (set.removeIf(s -> s.sink() == sink)) {
                count.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    /** Forgets {@code sink} under every client (the connection closed). */
    void removeEverywhere(LiveSink sink) {
        for (String client : List.copyOf(byClient.keySet())) {
            remove(client, sink);
        }
    }

    boolean isLive(String clientDid, LiveSink sink) {
        Set<Session> set = byClient.get(clientDid);
        return set != null && set.stream().anyMatch(s -> s.sink() == sink);
    }

    List<Session> sessions(String clientDid) {
        Set<Session> set = byClient.get(clientDid);
        return set == null ? List.of() : List.copyOf(set);
    }

    int size() {
        return count.get();
    }
}
