package dev.parley.mediator.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed-bucket histogram (Prometheus cumulative buckets): {@link #latency()} in seconds for 0.25 ms to 10 s,
 * {@link #sizes()} for counts of 1 to 1,024 (how many operations shared one commit). Lock-free; safe for any
 * number of recording threads.
 */
public final class Histogram {

    static final double[] LATENCY_BOUNDS_SECONDS = {0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
        0.25, 0.5, 1, 2.5, 5, 10};
    static final double[] SIZE_BOUNDS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final double[] bounds;
    private final AtomicLongArray buckets;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    private Histogram(double[] bounds) {
        this.bounds = bounds;
        this.buckets = new AtomicLongArray(bounds.length + 1);
    }

    /** Durations, recorded and exposed in seconds. */
    public static Histogram latency() {
        return new Histogram(LATENCY_BOUNDS_SECONDS);
    }

    /** Small counts, in powers of two up to 1,024. */
    public static Histogram sizes() {
        return new Histogram(SIZE_BOUNDS);
    }

    public void record(Duration d) {
        record(Math.max(0, d.toNanos()) / 1e9);
    }

    public void record(double value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        buckets.incrementAndGet(i);
        count.increment();
        sum.add(value);
    }

    /** Values recorded so far. */
    public long count() {
        return count.sum();
    }

    /** Sum of the values recorded so far (seconds for a latency histogram). */
    public double sum() {
        return sum.sum();
    }

    void write(StringBuilder out, String name, String labels) {
        long cumulative = 0;
        String sep = labels.isEmpty() ? "" : labels + ",";
        for (int i = 0; i < bounds.length; i++) {
            cumulative += buckets.get(i);
            out.append(name).append("_bucket{").append(sep).append("le=\"").append(bounds[i])
                    .append("\"} ").append(cumulative).append('\n');
        }
        cumulative += buckets.get(bounds.length);
        out.append(name).append("_bucket{").append(sep).append("le=\"+Inf\"} ").append(cumulative).append('\n');
        String braces = labels.isEmpty() ? "" : "{" + labels + "}";
        out.append(name).append("_sum").append(braces).append(' ').append(sum.sum()).append('\n');
        out.append(name).append("_count").append(braces).append(' ').append(count.sum()).append('\n');
    }
}
