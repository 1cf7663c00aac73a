package dev.parley.session.channel;

import dev.parley.session.MutableClock;
import dev.parley.session.handshake.SessionKeys;
import dev.parley.session.handshake.TestSessions;
import dev.parley.session.record.RecordLayer;
import dev.parley.session.record.RekeyPolicy;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Two connections joined by an in-memory path with seeded loss, duplication and reordering (random extra delay),
 * run in simulated time: no threads, no sleeps, the same run every time for a seed.
 */
final class SimulatedPath {
    final Connection a;
    final Connection b;
    long now;
    double loss;
    double duplication;
    long delay = 20_000_000L;
    long jitter = 10_000_000L;
    boolean blackhole;
    int delivered;
    private final Random random;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private long seq;
    private final byte[] out = new byte[RecordLayer.MAX_RECORD];

    private record Event(long time, long seq, boolean toA, byte[] data) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            return time != o.time ? Long.compare(time, o.time) : Long.compare(seq, o.seq);
        }
    }

    SimulatedPath(long seed, ConnectionConfig configA, ConnectionConfig configB) {
        random = new Random(seed);
        SessionKeys[] keys = TestSessions.keys(seed);
        MutableClock clock = MutableClock.start();
        a = new Connection(new RecordLayer(keys[0], RekeyPolicy.defaults(), clock), configA, true, 0);
        b = new Connection(new RecordLayer(keys[1], RekeyPolicy.defaults(), clock), configB, false, 0);
    }

    SimulatedPath(long seed) {
        this(seed, ConnectionConfig.defaults(), ConnectionConfig.defaults());
    }

    /** Runs until {@code done} holds (checked after every step) or {@code limitNanos} of simulated time pass. */
    boolean runUntil(BooleanSupplier done, long limitNanos, Runnable app) {
        long end = now + limitNanos;
        while (now < end) {
            app.run();
            flush(a, false);
            flush(b, true);
            if (done.getAsBoolean()) {
                return true;
            }
            long next = Math.min(a.nextTimeout(), b.nextTimeout());
            if (!events.isEmpty()) {
                next = Math.min(next, events.peek().time());
            }
            now = Math.max(now, Math.min(next, end));
            while (!events.isEmpty() && events.peek().time() <= now) {
                Event e = events.poll();
                delivered++;
                (e.toA() ? a : b).onDatagram(e.data(), e.data().length, now);
            }
            if (a.nextTimeout() <= now) {
                a.onTimeout(now);
            }
            if (b.nextTimeout() <= now) {
                b.onTimeout(now);
            }
        }
        return done.getAsBoolean();
    }

    /** Delivers a datagram to one side now, as an attacker on the path would. */
    void inject(boolean toA, byte[] data) {
        (toA ? a : b).onDatagram(data, data.length, now);
    }

    private void flush(Connection c, boolean toA) {
        int n;
        while ((n = c.poll(now, out, RecordLayer.MAX_RECORD)) > 0) {
            byte[] d = Arrays.copyOf(out, n);
            if (blackhole || random.nextDouble() < loss) {
                continue;
            }
            schedule(toA, d);
            if (random.nextDouble() < duplication) {
                schedule(toA, d);
            }
        }
    }

    private void schedule(boolean toA, byte[] d) {
        long at = now + delay + (jitter > 0 ? (long) (random.nextDouble() * jitter) : 0);
        events.add(new Event(at, seq++, toA, d));
    }
}
