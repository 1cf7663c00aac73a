package dev.parley.mpc.transport;

import dev.parley.mpc.MpcException;
import java.time.Duration;

/**
 * n parties in one JVM, each with a bounded inbox per peer: the transport for tests and benchmarks. Messages are
 * handed over by reference (no copy), so figures measured here are the engine's own cost. Thread-safe: one thread per
 * party.
 */
public final class InMemoryNetwork {

    private final Endpoint[] endpoints;
    private final int maxMessageBytes;
    private final Duration sendWait;

    /**
     * @param parties          n >= 2
     * @param inboxCapacity    messages buffered per (sender, receiver) pair; rounds are lock-step so 4 is plenty
     * @param maxMessageBytes  upper bound on one payload
     * @param sendWait         how long a sender waits for space in a full inbox before failing
     */
    public InMemoryNetwork(int parties, int inboxCapacity, int maxMessageBytes, Duration sendWait) {
        if (parties < 2) {
            throw new IllegalArgumentException("an MPC network needs at least 2 parties, got " + parties);
        }
        if (inboxCapacity < 1) {
            throw new IllegalArgumentException("inbox capacity must be positive, got " + inboxCapacity);
        }
        this.maxMessageBytes = maxMessageBytes;
        this.sendWait = sendWait;
        endpoints = new Endpoint[parties + 1];
        for (int i = 1; i <= parties; i++) {
            endpoints[i] = new Endpoint(i, parties, inboxCapacity);
        }
    }

    /** Defaults: inbox of 8 messages, 256 MiB per message, 30 s send wait. */
    public static InMemoryNetwork of(int parties) {
        return new InMemoryNetwork(parties, 8, 256 << 20, Duration.ofSeconds(30));
    }

    /** The transport of party {@code i} (1-based). */
    public Transport transport(int i) {
        return endpoints[i];
    }

    private final class Endpoint implements Transport {
        private final int self;
        private final int parties;
        private final Inbox[] inboxes;
        private volatile boolean closed;

        Endpoint(int self, int parties, int capacity) {
            this.self = self;
            this.parties = parties;
            this.inboxes = new Inbox[parties + 1];
            for (int j = 1; j <= parties; j++) {
                if (j != self) {
                    inboxes[j] = new Inbox(j, capacity);
                }
            }
        }

        @Override
        public int self() {
            return self;
        }

        @Override
        public int parties() {
            return parties;
        }

        @Override
        public void send(int to, long round, byte[] payload) throws MpcException {
            TransportGuards.checkSend(self, parties, closed, to, round, payload.length, maxMessageBytes);
            endpoints[to].inboxes[self].put(new Inbox.Data(round, payload), to, sendWait);
        }

        @Override
        public byte[] receive(int from, long round, Duration timeout) throws MpcException {
            TransportGuards.checkReceive(self, parties, closed, from, round);
            return inboxes[from].take(round, timeout);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (int j = 1; j <= parties; j++) {
                if (j != self) {
                    endpoints[j].inboxes[self].terminate(new Inbox.Closed("it closed its transport"));
                }
            }
        }
    }
}
