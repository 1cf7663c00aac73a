package dev.parley.session;

import dev.parley.session.channel.Connection;
import dev.parley.session.channel.ConnectionStats;
import dev.parley.session.channel.UnknownChannelException;
import dev.parley.session.handshake.Established;
import dev.parley.session.record.RecordLayer;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A running session: records and reliable channels over a {@link DatagramTransport}, after a completed handshake.
 *
 * <pre>{@code
 * Session s = Session.start(established, transport, SessionConfig.defaults());
 * Channel round = s.openChannel(1, ChannelMode.MESSAGE);
 * round.send(share);
 * Optional<byte[]> reply = round.receive(Duration.ofSeconds(5));
 * s.close();
 * }</pre>
 *
 * <p>One I/O thread per session receives, runs timers and sends acknowledgements; application threads send from
 * their own thread. All protocol state sits behind one lock. The session owns the transport and closes it.
 * Thread-safe.
 */
public final class Session implements AutoCloseable {
    private static final long MAX_WAIT = TimeUnit.MILLISECONDS.toNanos(20);
    /** Most datagrams the I/O thread takes in one go before it flushes acknowledgements and wakes readers. */
    private static final int BURST = 64;

    private final Connection connection;
    private final DatagramTransport transport;
    private final SessionConfig config;
    private final byte[] channelBinding;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Channel[] channels;
    private final byte[] out = new byte[RecordLayer.MAX_RECORD];
    private final Thread io;
    private volatile boolean stopped;
    private long sendErrors;
    private String lastSendError;

    private Session(Established established, DatagramTransport transport, SessionConfig config) {
        this.transport = transport;
        this.config = config;
        this.channelBinding = established.keys().handshakeHash();
        RecordLayer records = new RecordLayer(established.keys(), config.rekey(), config.clock());
        established.keys().destroy();
        this.connection = new Connection(records, config.connection(), established.keys().isInitiator(),
                config.nanoTime().getAsLong());
        this.channels = new Channel[config.connection().maxChannels()];
        this.io = Thread.ofPlatform().daemon().name("parley-session-"
                + Long.toHexString(established.keys().localSessionId())).unstarted(this::run);
    }

    /** Starts the session's I/O thread over {@code transport} (which it now owns). */
    public static Session start(Established established, DatagramTransport transport, SessionConfig config) {
        Session s = new Session(established, transport, config);
        s.io.start();
        return s;
    }

    /** Opens channel {@code id} (0..maxChannels-1) on this side; the peer opens the same id to talk on it. */
    public Channel openChannel(int id, ChannelMode mode) {
        if (id < 0 || id >= channels.length) {
            throw new UnknownChannelException(id, channels.length);
        }
        lock.lock();
        try {
            if (channels[id] != null) {
                throw new IllegalStateException("channel " + id + " is already open");
            }
            channels[id] = new Channel(this, id, mode, config.maxMessageSize());
            return channels[id];
        } finally {
            lock.unlock();
        }
    }

    /** The Noise handshake hash: the same on both sides and unique to this session, for transcripts. */
    public byte[] channelBinding() {
        return channelBinding.clone();
    }

    public Connection.State state() {
        lock.lock();
        try {
            return connection.state();
        } finally {
            lock.unlock();
        }
    }

    /** Why the session failed, or empty. */
    public Optional<String> failure() {
        lock.lock();
        try {
            return Optional.ofNullable(connection.failure());
        } finally {
            lock.unlock();
        }
    }

    public ConnectionStats stats() {
        lock.lock();
        try {
            return connection.stats();
        } finally {
            lock.unlock();
        }
    }

    /** Datagrams the transport refused to send (each counts as lost; the channels resend). */
    public long sendErrors() {
        lock.lock();
        try {
            return sendErrors;
        } finally {
            lock.unlock();
        }
    }

    /** Tells {@code listener} when the transport's path changes (the session itself carries on: records name no address). */
    public void onPathChange(Consumer<String> listener) {
        transport.onPathChange(listener);
    }

    /**
     * Closes gracefully: waits (within {@code timeout}) until the peer has acknowledged every byte written on every
     * channel, since data still unsent when the CLOSE record goes out is never delivered; then sends the
     * authenticated CLOSE record, waits for the peer's answer in the time left, stops the I/O thread and closes the
     * transport.
     */
    public void close(Duration timeout) {
        long deadline = config.nanoTime().getAsLong() + timeout.toNanos();
        lock.lock();
        try {
            while (connection.state() == Connection.State.OPEN && !stopped && !allAckedLocked()) {
                long left = deadline - config.nanoTime().getAsLong();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
            connection.close(Connection.CLOSE_NORMAL);
            flushLocked();
            while (connection.state() == Connection.State.CLOSING && !stopped) {
                long left = deadline - config.nanoTime().getAsLong();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        stop();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

    // ---- used by Channel ------------------------------------------------------------------------------------

    long nanoTime() {
        return config.nanoTime().getAsLong();
    }

    void writeFully(int id, byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            while (len > 0) {
                requireOpen();
                int n = connection.write(id, b, off, len);
                off += n;
                len -= n;
                flushLocked();
                if (len > 0) {
                    changed.await(50, TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing to channel " + id);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the concatenation of {@code parts} and sends what the windows allow with one flush at the end (not one
     * per part). When {@code block} is false, writes only if everything fits in the send buffer now, else nothing.
     *
     * @return whether the bytes were written (always true when blocking)
     */
    boolean writeParts(int id, byte[][] parts, boolean block) throws IOException {
        lock.lock();
        try {
            requireOpen();
            if (!block) {
                long total = 0;
                for (byte[] p : parts) {
                    total += p.length;
                }
                if (connection.sendCapacity(id) < total) {
                    return false;
                }
            }
            for (byte[] p : parts) {
                int off = 0;
                while (off < p.length) {
                    requireOpen();
                    int n = connection.write(id, p, off, p.length - off);
                    off += n;
                    if (n == 0 || off < p.length) {
                        flushLocked();
                        if (connection.sendCapacity(id) == 0) {
                            changed.await(50, TimeUnit.MILLISECONDS);
                        }
                    }
                }
            }
            flushLocked();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing to channel " + id);
        } finally {
            lock.unlock();
        }
    }

    void finish(int id) throws IOException {
        lock.lock();
        try {
            requireOpen();
            connection.finish(id);
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Reads some bytes: count, -1 at end of stream, 0 when {@code timeoutNanos} passed with nothing. */
    int read(int id, byte[] b, int off, int len, long timeoutNanos) throws IOException, InterruptedException {
        return read(id, b, off, len, timeoutNanos, 1);
    }

    /**
     * As {@link #read(int, byte[], int, int, long)}, but waits until at least {@code min(len, atLeast)} bytes are
     * ready (or the stream ended), so a reader of a large message wakes per chunk, not per datagram. {@code atLeast}
     * must not exceed half the flow-control window, or the peer could never send enough to satisfy it.
     */
    int read(int id, byte[] b, int off, int len, long timeoutNanos, int atLeast) throws IOException,
            InterruptedException {
        long deadline = config.nanoTime().getAsLong() + timeoutNanos;
        int want = Math.min(len, atLeast);
        lock.lock();
        try {
            while (true) {
                int n = connection.available(id) >= want || connection.atEnd(id) ? connection.read(id, b, off, len) : 0;
                if (n != 0) {
                    flushLocked();
                    return n;
                }
                if (connection.state() != Connection.State.OPEN) {
                    throw new SessionClosedException("session is " + connection.state()
                            + (connection.failure() == null ? "" : ": " + connection.failure()));
                }
                long left = deadline - config.nanoTime().getAsLong();
                if (left <= 0) {
                    return 0;
                }
                changed.awaitNanos(Math.min(left, MAX_WAIT * 5));
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- I/O thread -------------------------------------------------------------------------------------------

    private void run() {
        try {
            while (!stopped) {
                long wait;
                lock.lock();
                try {
                    long now = config.nanoTime().getAsLong();
                    if (connection.nextTimeout() <= now) {
                        connection.onTimeout(now);
                    }
                    flushLocked();
                    changed.signalAll();
                    Connection.State st = connection.state();
                    if (st == Connection.State.CLOSED || st == Connection.State.FAILED) {
                        return;
                    }
                    wait = Math.max(100_000L, Math.min(MAX_WAIT, connection.nextTimeout() - now));
                } finally {
                    lock.unlock();
                }
                Optional<byte[]> datagram = transport.receive(Duration.ofNanos(wait));
                if (datagram.isPresent()) {
                    lock.lock();
                    try {
                        // take what else has arrived under the same lock: readers wake once per burst, not per datagram
                        int taken = 0;
                        do {
                            byte[] d = datagram.get();
                            connection.onDatagram(d, d.length, config.nanoTime().getAsLong());
                        } while (++taken < BURST && (datagram = transport.receive(Duration.ZERO)).isPresent());
                    } finally {
                        lock.unlock();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            lock.lock();
            try {
                lastSendError = "transport failed: " + e.getMessage();
                connection.close(Connection.CLOSE_NORMAL);
            } finally {
                lock.unlock();
            }
        } finally {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void flushLocked() {
        long now = config.nanoTime().getAsLong();
        int n;
        while ((n = connection.poll(now, out)) > 0) {
            try {
                transport.send(Arrays.copyOf(out, n));
            } catch (IOException e) {
                sendErrors++;
                lastSendError = e.getMessage();
            }
        }
    }

    private boolean allAckedLocked() {
        for (int id = 0; id < channels.length; id++) {
            if (channels[id] != null && !connection.allAcked(id)) {
                return false;
            }
        }
        return true;
    }

    private void requireOpen() throws SessionClosedException {
        if (connection.state() != Connection.State.OPEN) {
            throw new SessionClosedException("session is " + connection.state()
                    + (connection.failure() == null ? "" : ": " + connection.failure())
                    + (lastSendError == null ? "" : " (last transport error: " + lastSendError + ")"));
        }
    }

    private void stop() {
        stopped = true;
        try {
            io.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }
}
