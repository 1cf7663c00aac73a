package dev.parley.mpc.group.internal;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.PartyUnreachableException;
import dev.parley.mpc.ProtocolViolationException;
import dev.parley.mpc.TransportException;
import dev.parley.mpc.transport.Transport;
import dev.parley.session.Channel;
import dev.parley.session.ChannelMode;
import dev.parley.session.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The group's {@link Transport}: one MESSAGE channel ({@value #CHANNEL}) per peer session, each message
 * {@code round (8 bytes) || payload}. Each peer has a sender thread behind a bounded queue, so two parties sending
 * large rounds to each other never block on each other's unread windows.
 *
 * <p>A clean end is a {@code bye} (round -1, no payload) to every peer once the last round is sent; {@link #close()}
 * waits (at most the round timeout) for every peer's bye, so no party closes a session whose last round its peer has
 * not yet read. After a failure it closes at once, which makes the peers fail fast too. Sessions are owned and closed
 * here. One thread sends and receives; {@link #close()} may come from any thread.
 */
public final class MeshTransport implements Transport {
    public static final int CHANNEL = 1;
    private static final long BYE = -1;
    private static final int QUEUE = 64;

    private final int self;
    private final int parties;
    private final Map<Integer, Session> sessions;
    private final Map<Integer, Channel> channels = new HashMap<>();
    private final Map<Integer, Sender> senders = new HashMap<>();
    private final Duration timeout;
    private final int maxMessageBytes;
    private final boolean[] saidBye;
    private volatile boolean failed;
    private volatile boolean closed;
    private volatile long lastRound;

    /**
     * @param peers           an open session with every other party, by party index
     * @param timeout         how long a send may wait for queue room, and how long close waits for the peers' byes
     * @param maxMessageBytes largest round message this party sends or accepts
     */
    public MeshTransport(int self, int parties, Map<Integer, Session> peers, Duration timeout, int maxMessageBytes) {
        if (peers.size() != parties - 1 || peers.containsKey(self)) {
            throw new IllegalArgumentException("party " + self + " needs a session with each of the other "
                    + (parties - 1) + " parties, got " + peers.keySet());
        }
        this.self = self;
        this.parties = parties;
        this.sessions = Map.copyOf(peers);
        this.timeout = timeout;
        this.maxMessageBytes = maxMessageBytes;
        this.saidBye = new boolean[parties + 1];
        for (Map.Entry<Integer, Session> e : sessions.entrySet()) {
            Channel c = e.getValue().openChannel(CHANNEL, ChannelMode.MESSAGE);
            channels.put(e.getKey(), c);
            senders.put(e.getKey(), new Sender(e.getKey(), c));
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
        Sender s = peer(senders, to);
        if (closed) {
            throw new TransportException("party " + self + "'s transport is closed; cannot send round " + round);
        }
        if (payload.length > maxMessageBytes) {
            throw new TransportException("round " + round + " message to party " + to + " has " + payload.length
                    + " bytes, above the limit of " + maxMessageBytes);
        }
        s.enqueue(ByteBuffer.allocate(8 + payload.length).putLong(round).put(payload).array(), round);
        lastRound = Math.max(lastRound, round);
    }

    /** The highest round this party sent or received in: the rounds after the program check (round 0). */
    public long rounds() {
        return lastRound;
    }

    @Override
    public byte[] receive(int from, long round, Duration wait) throws MpcException {
        Channel c = peer(channels, from);
        if (closed) {
            throw new TransportException("party " + self + "'s transport is closed; cannot receive round " + round);
        }
        Optional<byte[]> m;
        try {
            m = c.receive(wait);
        } catch (IOException e) {
            failed = true;
            throw new PartyUnreachableException(from, round, "party " + from + " left during round " + round + ": "
                    + sessions.get(from).failure().orElse(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
            throw new TransportException("interrupted while waiting for party " + from + " in round " + round, e);
        }
        if (m.isEmpty()) {
            failed = true;
            throw new PartyUnreachableException(from, round, "party " + from + " sent nothing for round " + round
                    + " within " + wait.toMillis() + " ms; it left or lost its connection");
        }
        byte[] msg = m.get();
        if (msg.length < 8 || msg.length - 8 > maxMessageBytes) {
            failed = true;
            throw new ProtocolViolationException(from, round, "party " + from + " sent a " + msg.length
                    + "-byte message in round " + round);
        }
        long theirs = ByteBuffer.wrap(msg).getLong();
        if (theirs == BYE) {
            failed = true;
            saidBye[from] = true;
            throw new PartyUnreachableException(from, round, "party " + from + " finished before round " + round
                    + "; it runs another program or stopped");
        }
        if (theirs != round) {
            failed = true;
            throw new ProtocolViolationException(from, round, "party " + from + " sent round " + theirs
                    + " while this party expects round " + round);
        }
        lastRound = Math.max(lastRound, round);
        return Arrays.copyOfRange(msg, 8, msg.length);
    }

    private <T> T peer(Map<Integer, T> map, int peer) {
        T t = map.get(peer);
        if (t == null) {
            throw new IllegalArgumentException("peer must be in 1.." + parties + " and not " + self + ", got " + peer);
        }
        return t;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!failed) {
            for (Sender s : senders.values()) {
                s.bye();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Map.Entry<Integer, Channel> e : channels.entrySet()) {
                awaitBye(e.getKey(), e.getValue(), deadline);
            }
        }
        for (Sender s : senders.values()) {
            s.stop();
        }
        for (Session s : sessions.values()) {
            s.close(failed ? Duration.ZERO : Duration.ofMillis(500));
        }
    }

    /** Reads until the peer's bye, its session's end, or the deadline. */
    private void awaitBye(int peer, Channel c, long deadline) {
        while (!saidBye[peer]) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Optional<byte[]> m = c.receive(Duration.ofNanos(left));
                if (m.isPresent() && m.get().length == 8 && ByteBuffer.wrap(m.get()).getLong() == BYE) {
                    saidBye[peer] = true;
                }
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Sends one peer's messages in order from its own thread; a send failure is reported on the next enqueue. */
    private final class Sender {
        private final int peer;
        private final Channel channel;
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
        private final Thread thread;
        private volatile String failure;

        Sender(int peer, Channel channel) {
            this.peer = peer;
            this.channel = channel;
            this.thread = Thread.ofPlatform().daemon().name("parley-mpc-send-" + self + "-" + peer).start(this::run);
        }

        void enqueue(byte[] message, long round) throws MpcException {
            if (failure != null) {
                failed = true;
                throw new PartyUnreachableException(peer, round, "cannot send round " + round + " to party " + peer
                        + ": " + failure);
            }
            try {
                if (!queue.offer(message, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    failed = true;
                    throw new PartyUnreachableException(peer, round, "party " + peer + " has not taken this party's"
                            + " messages for " + timeout.toMillis() + " ms (round " + round + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = true;
                throw new TransportException("interrupted while sending round " + round + " to party " + peer, e);
            }
        }

        void bye() {
            try {
                if (failure == null && !queue.offer(ByteBuffer.allocate(8).putLong(BYE).array(), timeout.toNanos(),
                        TimeUnit.NANOSECONDS)) {
                    failed = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = true;
            }
        }

        void stop() {
            thread.interrupt();
        }

        private void run() {
            try {
                while (true) {
                    channel.send(queue.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                failure = e.getMessage();
            }
        }
    }
}
