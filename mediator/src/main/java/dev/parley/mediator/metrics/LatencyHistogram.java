package dev.parley.mediator.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed-bucket latency histogram (Prometheus cumulative buckets). Lock-free; safe for any number of
 * recording threads. Bucket bounds are in seconds, chosen for 0.25 ms to 10 s.
 */
public final class LatencyHistogram {

    static final double[] BOUNDS_SECONDS = {0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5, 5, 10};

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_SECONDS.length + 1);
    private final LongAdder count = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();

    public void record(Duration d) {
        long nanos = Math.max(0, d.toNanos());
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BOUNDS_SECONDS.length && seconds > BOUNDS_SECONDS[i]) {
            i++;
        }
        buckets.incrementAndGet(i);
        count.increment();
        sumNanos.add(nanos);
    }

    void write(StringBuilder out, String name, String labels) {
        long cumulative = 0;
        String sep = labels.isEmpty() ? "" : labels + ",";
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            cumulative += buckets.get(i);
            out.append(name).append("_bucket{").append(sep).append("le=\"").append(BOUNDS_SECONDS[i])
                    .append("\"} ").append(cumulative).append('\n');
        }
        cumulative += buckets.get(BOUNDS_SECONDS.length);
        out.append(name).append("_bucket{").append(sep).append("le=\"+Inf\"} ").append(cumulative).append('\n');
        String braces = labels.isEmpty() ? "" : "{" + labels + "}";
        out.append(name).append("_sum").append(braces).append(' ').append(sumNanos.sum() / 1e9).append('\n');
        out.append(name).append("_count").append(braces).append(' ').append(count.sum()).append('\n');
    }
}
