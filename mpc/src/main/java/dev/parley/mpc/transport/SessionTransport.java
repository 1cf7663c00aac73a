package dev.parley.mpc.transport;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.PartyUnreachableException;
import dev.parley.mpc.ProtocolViolationException;
import dev.parley.mpc.TransportException;
import dev.parley.session.Channel;
import dev.parley.session.ChannelMode;
import dev.parley.session.MessageTooLargeException;
import dev.parley.session.Session;
import dev.parley.session.SessionClosedException;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MPC transport over encrypted {@link Session}s, one per peer (a full mesh): what parties that met through the
 * mediator run their computation on. Each peer's session carries the rounds on MESSAGE channel {@link #ROUND_CHANNEL};
 * one round message is one channel message {@code round:u64 || payload}. Confidentiality, integrity and replay
 * protection come from the session's records; this class adds the round check.
 *
 * <p>Receiving runs on the caller's thread straight from the channel (no hand-off). A message that fits in the
 * channel's send buffer is written from the caller's thread too; a larger one goes to a writer thread per peer through a
 * queue of {@link Settings#sendQueue()} messages, because every party sends before it receives: with blocking sends, two
 * parties exchanging messages larger than the session's send buffer and flow-control window would wait on each other
 * forever. The payload is written behind its round header without being copied. A message for a later round than the one asked for is held (at most
 * {@link Settings#maxHeldRounds()} per peer) until asked for; a message for an earlier round, a repeated round or a
 * frame too short to carry a round is a {@link ProtocolViolationException}. A session that closes or fails is a
 * {@link PartyUnreachableException} naming the peer.
 *
 * <p>The transport owns the sessions: {@link #close()} lets queued messages go out (bounded by
 * {@link Settings#closeTimeout()}), ends the channels and closes the sessions. Thread-safety as {@link Transport}:
 * one engine thread sends and receives; close may come from any thread.
 */
public final class SessionTransport implements Transport {

    /** The channel id the rounds travel on, the same on every session of the group. */
    public static final int ROUND_CHANNEL = 1;
    /** Bytes of the round number in front of each payload. */
    static final int HEADER = Long.BYTES;

    /**
     * Bounds of one transport.
     *
     * @param sendTimeout     how long {@link #send} waits for room in a peer's send queue before failing
     * @param maxMessageBytes largest payload sent or accepted (the sessions' own message bound must allow it plus 8)
     * @param maxHeldRounds   messages for later rounds kept per peer until asked for
     * @param sendQueue       messages queued per peer for its writer thread
     * @param closeTimeout    how long {@link #close()} lets queued messages and each session's close take
     */
    public record Settings(Duration sendTimeout, int maxMessageBytes, int maxHeldRounds, int sendQueue,
                           Duration closeTimeout) {
        public Settings {
            if (sendTimeout.isNegative() || sendTimeout.isZero() || closeTimeout.isNegative()) {
                throw new IllegalArgumentException("sendTimeout must be positive and closeTimeout not negative");
            }
            if (maxMessageBytes < 1 || maxHeldRounds < 0 || sendQueue < 1) {
                throw new IllegalArgumentException("need maxMessageBytes >= 1, maxHeldRounds >= 0, sendQueue >= 1, got "
                        + maxMessageBytes + ", " + maxHeldRounds + ", " + sendQueue);
            }
        }

        /** 16 MiB minus the round header (the sessions' default message bound), 8 held rounds, 8 queued, 2 s close. */
        public static Settings of(Duration sendTimeout) {
            return new Settings(sendTimeout, (16 << 20) - HEADER, 8, 8, Duration.ofSeconds(2));
        }
    }

    private final int self;
    private final int parties;
    private final Settings settings;
    private final Peer[] peers;
    private volatile boolean closed;

    private SessionTransport(int self, int parties, Settings settings, Peer[] peers) {
        this.self = self;
        this.parties = parties;
        this.settings = settings;
        this.peers = peers;
    }

    /** As {@link #over(int, int, Map, Settings)} with {@link Settings#of(Duration)}. */
    public static SessionTransport over(int self, int n, Map<Integer, Session> peers, Duration sendTimeout) {
        return over(self, n, peers, Settings.of(sendTimeout));
    }

    /**
     * Opens {@link #ROUND_CHANNEL} on each session and starts one writer thread per peer.
     *
     * @param peers the session to party j for every j in 1..n except {@code self}; the transport owns them from now on
     */
    public static SessionTransport over(int self, int n, Map<Integer, Session> peers, Settings settings) {
        if (n < 2 || self < 1 || self > n) {
            throw new IllegalArgumentException("need n >= 2 and self in 1..n, got self " + self + " of " + n);
        }
        for (int j = 1; j <= n; j++) {
            if (j != self && !peers.containsKey(j)) {
                throw new IllegalArgumentException("no session to party " + j + "; party " + self + " needs one to"
                        + " each of the other " + (n - 1) + " parties");
            }
        }
        if (peers.size() != n - 1) {
            throw new IllegalArgumentException("expected sessions to exactly the " + (n - 1) + " other parties, got "
                    + peers.keySet());
        }
        Peer[] byIndex = new Peer[n + 1];
        for (int j = 1; j <= n; j++) {
            if (j != self) {
                Session s = peers.get(j);
                byIndex[j] = new Peer(self, j, s, s.openChannel(ROUND_CHANNEL, ChannelMode.MESSAGE), settings.sendQueue());
            }
        }
        for (Peer p : byIndex) {
            if (p != null) {
                p.writer.start();
            }
        }
        return new SessionTransport(self, n, settings, byIndex);
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
        TransportGuards.checkSend(self, parties, closed, to, round, payload.length, settings.maxMessageBytes());
        Peer peer = peers[to];
        peer.throwIfWriteFailed(round);
        byte[] header = new byte[HEADER];
        writeRound(header, round);
        try {
            // the writer is idle (only this thread queues): send from here if it fits, sparing a thread hand-off
            if (peer.queued.get() == 0 && peer.channel.trySendGathered(header, payload)) {
                return;
            }
        } catch (IOException e) {
            throw new PartyUnreachableException(to, round, "cannot send round " + round + " to party " + to + ": "
                    + peer.describe(e));
        }
        peer.queued.incrementAndGet();
        try {
            if (!peer.outgoing.offer(new byte[][] {header, payload}, settings.sendTimeout().toNanos(),
                    TimeUnit.NANOSECONDS)) {
                peer.queued.decrementAndGet();
                throw new TransportException("party " + to + " took none of the last " + settings.sendQueue()
                        + " messages within " + Inbox.human(settings.sendTimeout()) + " (round " + round
                        + "); it is stalled or its path is gone");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while sending round " + round + " to party " + to);
        }
    }

    @Override
    public byte[] receive(int from, long round, Duration timeout) throws MpcException {
        TransportGuards.checkReceive(self, parties, closed, from, round);
        Peer peer = peers[from];
        byte[] held = peer.held.remove(round);
        if (held != null) {
            return held;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            byte[] message = left <= 0 ? null : next(peer, round, left);
            if (message == null) {
                throw new PartyUnreachableException(from, round, "party " + from + " sent nothing for round " + round
                        + " within " + Inbox.human(timeout));
            }
            if (message.length < HEADER) {
                throw new ProtocolViolationException(from, round, "party " + from + " sent a " + message.length
                        + "-byte message while waiting for round " + round + "; every message starts with an 8-byte round");
            }
            long got = readRound(message);
            if (got < round || peer.held.containsKey(got)) {
                throw new ProtocolViolationException(from, round, "party " + from + " sent a message for round " + got
                        + " while this party expected round " + round + " (rounds only move forward)");
            }
            byte[] payload = Arrays.copyOfRange(message, HEADER, message.length);
            if (got == round) {
                return payload;
            }
            if (peer.held.size() >= settings.maxHeldRounds()) {
                throw new ProtocolViolationException(from, round, "party " + from + " ran more than "
                        + settings.maxHeldRounds() + " rounds ahead (round " + got + " while this party waits for round "
                        + round + ")");
            }
            peer.held.put(got, payload);
        }
    }

    private byte[] next(Peer peer, long round, long timeoutNanos) throws MpcException {
        try {
            Optional<byte[]> m = peer.channel.receive(Duration.ofNanos(timeoutNanos));
            return m.orElse(null);
        } catch (MessageTooLargeException e) {
            throw new ProtocolViolationException(peer.index, round, "party " + peer.index + " sent an oversized message"
                    + " before round " + round + ": " + e.getMessage());
        } catch (SessionClosedException e) {
            if (closed) {
                throw new TransportException("party " + self + "'s transport was closed while waiting for round "
                        + round + " from party " + peer.index);
            }
            throw new PartyUnreachableException(peer.index, round, "party " + peer.index + " left before round "
                    + round + " (" + peer.describe(e) + ")");
        } catch (IOException e) {
            throw new PartyUnreachableException(peer.index, round, "the session with party " + peer.index
                    + " failed before round " + round + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for party " + peer.index + " in round " + round);
        }
    }

    /**
     * Lets the writers finish what is queued (within {@link Settings#closeTimeout()}), then finishes each channel and
     * closes each session (which sends the authenticated close record the peers see as this party leaving).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        for (Peer p : peers) {
            if (p != null) {
                p.stopWriter(deadline);
            }
        }
        for (Peer p : peers) {
            if (p != null) {
                p.session.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        }
    }

    static void writeRound(byte[] b, long round) {
        for (int i = 0; i < HEADER; i++) {
            b[i] = (byte) (round >>> (56 - 8 * i));
        }
    }

    static long readRound(byte[] b) {
        long r = 0;
        for (int i = 0; i < HEADER; i++) {
            r = (r << 8) | (b[i] & 0xff);
        }
        return r;
    }

    /** One peer: its session, round channel, writer thread and the rounds it sent ahead. */
    private static final class Peer {
        private static final byte[][] STOP = new byte[0][];
        final int index;
        final Session session;
        final Channel channel;
        final BlockingQueue<byte[][]> outgoing;
        /** Messages handed to the writer and not yet written into the channel. */
        final AtomicInteger queued = new AtomicInteger();
        final TreeMap<Long, byte[]> held = new TreeMap<>();
        final Thread writer;
        private volatile String writeFailure;

        Peer(int self, int index, Session session, Channel channel, int queue) {
            this.index = index;
            this.session = session;
            this.channel = channel;
            this.outgoing = new ArrayBlockingQueue<>(queue + 1);
            this.writer = Thread.ofPlatform().daemon().name("mpc-session-" + self + "->" + index)
                    .unstarted(this::writeLoop);
        }

        private void writeLoop() {
            try {
                while (true) {
                    byte[][] m = outgoing.take();
                    if (m == STOP) {
                        channel.finish();
                        return;
                    }
                    channel.sendGathered(m);
                    queued.decrementAndGet();
                }
            } catch (IOException e) {
                writeFailure = describe(e);
            } catch (InterruptedException e) {
                writeFailure = "writer stopped";
            }
        }

        void throwIfWriteFailed(long round) throws PartyUnreachableException {
            String failure = writeFailure;
            if (failure != null) {
                throw new PartyUnreachableException(index, round, "cannot send round " + round + " to party " + index
                        + ": " + failure);
            }
        }

        String describe(IOException e) {
            return session.failure().map(f -> "session failed: " + f).orElse(e.getMessage());
        }

        void stopWriter(long deadline) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !outgoing.offer(STOP, left, TimeUnit.NANOSECONDS)) {
                    writer.interrupt();
                    return;
                }
                writer.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (writer.isAlive()) {
                    writer.interrupt();
                }
            } catch (InterruptedException e) {
                writer.interrupt();
                Thread.currentThread().interrupt();
            }
        }
    }
}
