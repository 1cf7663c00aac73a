package dev.parley.mpc.group.internal;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.transport.Transport;
import java.time.Duration;

/**
 * A {@link Transport} that passes everything to another and remembers the highest round this party sent or received
 * in, to report how many rounds a run took (round 0 is the program check). Same thread-safety as the one it wraps.
 */
public final class RoundCounter implements Transport {
    private final Transport inner;
    private volatile long highest;

    public RoundCounter(Transport inner) {
        this.inner = inner;
    }

    /** The highest round seen so far. */
    public long rounds() {
        return highest;
    }

    @Override
    public int self() {
        return inner.self();
    }

    @Override
    public int parties() {
        return inner.parties();
    }

    @Override
    public void send(int to, long round, byte[] payload) throws MpcException {
        inner.send(to, round, payload);
        highest = Math.max(highest, round);
    }

    @Override
    public byte[] receive(int from, long round, Duration timeout) throws MpcException {
        byte[] b = inner.receive(from, round, timeout);
        highest = Math.max(highest, round);
        return b;
    }

    @Override
    public void close() {
        inner.close();
    }
}
