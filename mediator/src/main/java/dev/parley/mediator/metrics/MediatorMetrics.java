package dev.parley.mediator.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The mediator's metrics. Thread-safe; recording is lock-free. Labels come from closed sets (enum
 * values, protocol message types the mediator itself supports) so an attacker cannot grow the label space.
 * Nothing recorded here carries message content, keys or DIDs.
 */
public final class MediatorMetrics {

    private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, LongAdder> messagesIn = new ConcurrentHashMap<>();
    private final LongAdder messagesOut = new LongAdder();
    private final LongAdder forwardsQueued = new LongAdder();
    private final LongAdder liveDeliveries = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final Histogram requestLatency = Histogram.latency();
    private final Histogram commitLatency = Histogram.latency();
    private final Histogram storeCommitSeconds = Histogram.latency();
    private final Histogram storeBatchOperations = Histogram.sizes();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    public MediatorMetrics() {
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    public void rejected(RejectReason reason) {
        rejected.get(Objects.requireNonNull(reason)).increment();
    }

    public long rejectedCount(RejectReason reason) {
        return rejected.get(reason).sum();
    }

    /** Counts an inbound message by its (supported) type label, e.g. {@code routing/forward}. */
    public void messageIn(String typeLabel) {
        messagesIn.computeIfAbsent(typeLabel, k -> new LongAdder()).increment();
    }

    public long messagesInCount(String typeLabel) {
        LongAdder a = messagesIn.get(typeLabel);
        return a == null ? 0 : a.sum();
    }

    public void messageOut() {
        messagesOut.increment();
    }

    public void forwardQueued() {
        forwardsQueued.increment();
    }

    /** Forwarded messages committed so far (what {@code parley_mediator_forwards_queued_total} reports). */
    public long forwardsQueuedCount() {
        return forwardsQueued.sum();
    }

    /** Messages sent to clients so far: replies and deliveries, each sealed once. */
    public long messagesOutCount() {
        return messagesOut.sum();
    }

    /** Queued messages pushed to a live WebSocket so far (several may share one delivery). */
    public long liveDeliveriesCount() {
        return liveDeliveries.sum();
    }

    public void liveDelivery() {
        liveDeliveries.increment();
    }

    public void expired(long n) {
        expired.add(n);
    }

    public void requestLatency(Duration d) {
        requestLatency.record(d);
    }

    public void commitLatency(Duration d) {
        commitLatency.record(d);
    }

    /**
     * One group commit of the store's writer: how many operations it carried and how long the commit itself
     * (with its fsync) took. Together with {@link #commitLatency} this tells whether intake waits on the disk.
     */
    public void storeCommitted(int operations, Duration commit) {
        storeBatchOperations.record(operations);
        storeCommitSeconds.record(commit);
    }

    /** Totals of the store's group commits so far, for the load generator's per-phase means. */
    public StoreCommits storeCommits() {
        return new StoreCommits(storeBatchOperations.count(), (long) storeBatchOperations.sum(),
                storeCommitSeconds.sum(), commitLatency.count(), commitLatency.sum());
    }

    /**
     * Running totals of the store's commits.
     *
     * @param commits group commits made
     * @param operations operations they carried (forwards, acknowledgements, replay ids ...)
     * @param commitSeconds time spent in the commits themselves (the fsync mostly)
     * @param forwards forwards committed (each counted once, whatever its attachments)
     * @param forwardSeconds summed time from a forward's receipt to its commit
     */
    public record StoreCommits(long commits, long operations, double commitSeconds, long forwards,
            double forwardSeconds) {
    }

    /** Registers a gauge read at scrape time (queue depth, open sockets). */
    public void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP parley_mediator_messages_in_total Plaintext messages received, by protocol/message.\n");
        out.append("# TYPE parley_mediator_messages_in_total counter\n");
        new java.util.TreeMap<>(messagesIn).forEach((k, v) ->
                out.append("parley_mediator_messages_in_total{type=\"").append(k).append("\"} ")
                        .append(v.sum()).append('\n'));
        counter(out, "parley_mediator_messages_out_total", "Messages sent to clients (replies and deliveries).",
                messagesOut.sum());
        counter(out, "parley_mediator_forwards_queued_total", "Forwarded messages committed to the queue.",
                forwardsQueued.sum());
        counter(out, "parley_mediator_live_deliveries_total", "Messages pushed to a live WebSocket.",
                liveDeliveries.sum());
        counter(out, "parley_mediator_expired_total", "Queued messages dropped at their TTL.", expired.sum());
        out.append("# HELP parley_mediator_rejected_total Requests or messages refused, by reason.\n");
        out.append("# TYPE parley_mediator_rejected_total counter\n");
        rejected.forEach((r, v) -> out.append("parley_mediator_rejected_total{reason=\"").append(r.label())
                .append("\"} ").append(v.sum()).append('\n'));
        out.append("# HELP parley_mediator_request_seconds Time to answer a DIDComm request.\n");
        out.append("# TYPE parley_mediator_request_seconds histogram\n");
        requestLatency.write(out, "parley_mediator_request_seconds", "");
        out.append("# HELP parley_mediator_commit_seconds Time from receipt to durable commit of a forward.\n");
        out.append("# TYPE parley_mediator_commit_seconds histogram\n");
        commitLatency.write(out, "parley_mediator_commit_seconds", "");
        out.append("# HELP parley_mediator_store_commit_seconds Time of one group commit (with its fsync).\n");
        out.append("# TYPE parley_mediator_store_commit_seconds histogram\n");
        storeCommitSeconds.write(out, "parley_mediator_store_commit_seconds", "");
        out.append("# HELP parley_mediator_store_batch_operations Write operations sharing one group commit.\n");
        out.append("# TYPE parley_mediator_store_batch_operations histogram\n");
        storeBatchOperations.write(out, "parley_mediator_store_batch_operations", "");
        new java.util.TreeMap<>(gauges).forEach((name, g) -> {
            out.append("# TYPE ").append(name).append(" gauge\n");
            out.append(name).append(' ').append(g.getAsLong()).append('\n');
        });
        Runtime rt = Runtime.getRuntime();
        out.append("# TYPE parley_mediator_heap_used_bytes gauge\n");
        out.append("parley_mediator_heap_used_bytes ").append(rt.totalMemory() - rt.freeMemory()).append('\n');
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }
}
