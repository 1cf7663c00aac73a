package dev.parley.session;

import dev.parley.session.channel.Connection;
import dev.parley.session.channel.ConnectionStats;
import dev.parley.session.channel.UnknownChannelException;
import dev.parley.session.handshake.Established;
import dev.parley.session.record.RecordLayer;
import java.io.IOException;
import java.time.Duration;
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
 * <p>Threads. All protocol state sits behind one lock ({@code lock}); every thread below takes it for its work and
 * never holds it while blocking on the transport. Application threads send (seal and hand datagrams to the
 * transport) on their own thread and wait on {@code changed}. When the transport pushes datagrams
 * ({@link DatagramTransport#deliverTo}, e.g. a nat-traversal link), they are opened, acknowledged and made readable
 * by whichever thread holds or next takes the lock (the reader thread itself when the lock is free; a reader never
 * waits for the lock: see {@link #unlock()}), and the session's I/O thread only runs timers (retransmission, probe, delayed
 * acknowledgement, keepalive), sleeping until the earliest is due as it was when the thread last looked, at most
 * {@link #MAX_WAIT}. A timer armed earlier meanwhile does not wake it: nearly every send arms the probe timer and the
 * peer's acknowledgement cancels it, so a wake-up per send (two context switches) cost more than the rest of a round;
 * every pushed datagram also runs the timers that are due, so a timer can be late by at most {@link #MAX_WAIT}, and
 * only on a session where nothing arrives. A reader that must wait reads the transport itself when the transport
 * allows ({@link DatagramTransport#pump}, a link's direct path): the kernel then wakes the thread that needs the
 * datagram, one wake-up instead of two; a thread that acts on a datagram ending that wait elsewhere (another path's
 * reader, a close) ends the pump ({@link DatagramTransport#wakePump}). Otherwise (no push) the I/O thread also
 * receives, taking up to {@value #BURST} waiting datagrams per lock. Waiters are woken only when what
 * they wait for may have happened: a reader when its channel has the bytes it asked for (or ended), writers and
 * closers after every incoming datagram while they wait. The session owns the transport and closes it.
 * Thread-safe.
 */
public final class Session implements AutoCloseable {
    /** Longest sleep of the I/O thread, and so the most a timer armed while it sleeps can be late. */
    private static final long MAX_WAIT = TimeUnit.MILLISECONDS.toNanos(20);
    /** Most datagrams the I/O thread takes in one go before it flushes acknowledgements and wakes readers. */
    private static final int BURST = 64;
    /** Most pushed datagrams acted on per flush and wake-up. */
    private static final int PUSHED_BATCH = 256;
    /** Most pushed datagrams waiting for the lock: 4.9 MB, well over a flow-control window. */
    private static final int MAX_PUSHED = 4096;
    /**
     * How long a pusher tries for the lock before leaving its datagram to the holder. A holder drains before every
     * release, including before a condition wait, so a datagram is left waiting only if it arrives in the instant
     * between that drain and the wait and the holder is then descheduled for longer than this; the I/O thread's next
     * wake-up (at most {@link #MAX_WAIT}) takes it then.
     */
    private static final long PUSH_LOCK_WAIT = TimeUnit.MICROSECONDS.toNanos(200);

    private final Connection connection;
    private final DatagramTransport transport;
    private final SessionConfig config;
    private final byte[] channelBinding;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Signalled to stop the I/O thread early: the session ended. */
    private final Condition ioStop = lock.newCondition();
    /**
     * Pushed datagrams not yet acted on; whoever holds the lock drains it before releasing (see {@link #unlock()}).
     * At most {@link #MAX_PUSHED} (counted in {@code pushedCount}): beyond that a datagram is dropped, as the link's
     * own queue does.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> pushedIn =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger pushedCount = new java.util.concurrent.atomic.AtomicInteger();
    private final Channel[] channels;
    private final byte[] out = new byte[RecordLayer.LARGEST_RECORD];
    private final Thread io;
    /** Per channel, the bytes its waiting reader needs before it is worth waking; 0 when none waits. */
    private final int[] readWant;
    /** Writers and closers waiting on {@code changed}; they are woken after every incoming datagram. */
    private int otherWaiters;
    /** The reader reading the transport itself ({@link #pumpLocked}) and the channel it waits on; under the lock. */
    private Thread pumper;
    private int pumpChannel;
    /** Whether the last write was bulk ({@link #noteWriteSize}); under the lock. */
    private boolean bulkWrites;
    /** Whether the transport pushes datagrams to {@link #onPushed}; set before the I/O thread starts. */
    private volatile boolean pushed;
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
        this.readWant = new int[channels.length];
        this.io = Thread.ofPlatform().daemon().name("parley-session-"
                + Long.toHexString(established.keys().localSessionId())).unstarted(this::run);
    }

    /** Starts the session's I/O thread over {@code transport} (which it now owns). */
    public static Session start(Established established, DatagramTransport transport, SessionConfig config) {
        Session s = new Session(established, transport, config);
        s.pushed = transport.deliverTo(s::onPushed);
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
            unlock();
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
            unlock();
        }
    }

    /** Why the session failed, or empty. */
    public Optional<String> failure() {
        lock.lock();
        try {
            return Optional.ofNullable(connection.failure());
        } finally {
            unlock();
        }
    }

    public ConnectionStats stats() {
        lock.lock();
        try {
            return connection.stats();
        } finally {
            unlock();
        }
    }

    /** Datagrams the transport refused to send (each counts as lost; the channels resend). */
    public long sendErrors() {
        lock.lock();
        try {
            return sendErrors;
        } finally {
            unlock();
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
                awaitChange(left);
            }
            connection.close(Connection.CLOSE_NORMAL);
            flushLocked();
            while (connection.state() == Connection.State.CLOSING && !stopped) {
                long left = deadline - config.nanoTime().getAsLong();
                if (left <= 0) {
                    break;
                }
                awaitChange(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unlock();
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
            noteWriteSize(len);
            while (len > 0) {
                requireOpen();
                int n = connection.write(id, b, off, len);
                off += n;
                len -= n;
                flushLocked();
                if (len > 0) {
                    awaitChange(TimeUnit.MILLISECONDS.toNanos(50));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing to channel " + id);
        } finally {
            unlock();
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
            long total = 0;
            for (byte[] p : parts) {
                total += p.length;
            }
            if (!block && connection.sendCapacity(id) < total) {
                return false;
            }
            noteWriteSize(total);
            for (byte[] p : parts) {
                int off = 0;
                while (off < p.length) {
                    requireOpen();
                    int n = connection.write(id, p, off, p.length - off);
                    off += n;
                    if (n == 0 || off < p.length) {
                        flushLocked();
                        if (connection.sendCapacity(id) == 0) {
                            awaitChange(TimeUnit.MILLISECONDS.toNanos(50));
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
            unlock();
        }
    }

    void finish(int id) throws IOException {
        lock.lock();
        try {
            requireOpen();
            connection.finish(id);
            flushLocked();
        } finally {
            unlock();
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
                int n = readable(id, want) ? connection.read(id, b, off, len) : 0;
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
                readWant[id] = Math.max(1, want);
                try {
                    drainPushedLocked();
                    if (readable(id, want)) {
                        continue;
                    }
                    if (pumpLocked(id, Math.min(left, MAX_WAIT * 5))) {
                        continue;
                    }
                    drainPushedLocked(); // the lock was let go: what came meanwhile signalled no one
                    if (readable(id, want)) {
                        continue;
                    }
                    changed.awaitNanos(Math.min(left, MAX_WAIT * 5));
                } finally {
                    readWant[id] = 0;
                }
            }
        } finally {
            unlock();
        }
    }

    /**
     * Remembers whether the last write was larger than one small record. In the exchanges sessions carry (MPC rounds,
     * requests and answers) what comes back is about as large as what went out: after a bulk write the reader waits
     * for bulk data, which the transport's own reader takes in best (alongside the other peers' transfers), so the
     * transport is given back to it at once and reads do not pump.
     */
    private void noteWriteSize(long bytes) {
        bulkWrites = bytes > RecordLayer.MAX_RECORD;
        if (bulkWrites && pushed) {
            transport.releasePump();
        }
    }

    /**
     * Reads the transport on this thread, without the lock, when it can ({@link DatagramTransport#pump}: a direct
     * path that no other thread reads): the datagram's push then runs here, so the kernel wakes the thread that
     * waits instead of a socket reader that would wake it in turn. Whoever else acts on a datagram that ends this
     * reader's wait (another path's reader, the I/O thread on close) ends the pump with
     * {@link DatagramTransport#wakePump}.
     *
     * @return whether this thread read (or waited) at the transport; false when it could not and has to wait on
     *         {@code changed} (the lock was let go meanwhile either way)
     */
    private boolean pumpLocked(int id, long nanos) {
        if (!pushed || pumper != null || lock.getHoldCount() != 1 || Thread.currentThread().isInterrupted()) {
            return false; // an interrupted reader goes on to the condition wait, which throws
        }
        if (bulkWrites || connection.sendBacklog() || otherWaiters > 0) {
            transport.releasePump(); // acknowledgements clock the backlog out: the socket reader takes them in
            return false;
        }
        pumper = Thread.currentThread();
        pumpChannel = id;
        unlock();
        try {
            return transport.pump(nanos);
        } finally {
            lock.lock();
            pumper = null;
        }
    }

    // ---- I/O thread -------------------------------------------------------------------------------------------

    private void run() {
        try {
            while (!stopped) {
                long wait;
                lock.lock();
                try {
                    drainPushedLocked();
                    long now = config.nanoTime().getAsLong();
                    if (connection.nextTimeout() <= now) {
                        connection.onTimeout(now);
                    }
                    flushLocked();
                    wakeWaitersLocked();
                    Connection.State st = connection.state();
                    if (st == Connection.State.CLOSED || st == Connection.State.FAILED) {
                        return;
                    }
                    wait = Math.max(100_000L, Math.min(MAX_WAIT, connection.nextTimeout() - now));
                    if (pushed) {
                        ioStop.awaitNanos(wait);
                    }
                } finally {
                    unlock();
                }
                // when datagrams are pushed this only asks whether the transport was closed or failed (it throws)
                Optional<byte[]> datagram = transport.receive(pushed ? Duration.ZERO : Duration.ofNanos(wait));
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
                        unlock();
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
                unlock();
            }
        } finally {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                unlock();
            }
        }
    }

    /**
     * A datagram pushed by the transport, on its reader thread: opened and acted on at once (acknowledgements that
     * are due and data the windows now allow go out on this thread too), then whoever waits for it is woken.
     */
    private void onPushed(byte[] datagram) {
        if (pushedCount.incrementAndGet() > MAX_PUSHED) {
            pushedCount.decrementAndGet();
            return; // dropped as a congested path would drop it; the peer resends
        }
        pushedIn.add(datagram);
        try {
            // a holder about to wait releases the lock within microseconds; a writer sealing a message drains on release
            if (lock.tryLock(PUSH_LOCK_WAIT, TimeUnit.NANOSECONDS)) {
                unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Releases the session's lock after acting on the pushed datagrams that wait in {@link #pushedIn}, and takes it
     * again to act on any that came in meanwhile, unless another thread holds it (that thread then does it on its
     * own release). A pusher never waits for the lock, so a writer sealing a large message delays no socket reader,
     * and whoever holds the lock takes every waiting datagram with one flush and one wake-up.
     */
    private void unlock() {
        do {
            drainPushedLocked();
            lock.unlock();
        } while (!pushedIn.isEmpty() && lock.tryLock());
    }

    /**
     * Acts on up to {@value #PUSHED_BATCH} waiting pushed datagrams with one flush and one wake-up. Called before
     * every release of the lock, including the release inside a condition wait: a pusher that found the lock taken
     * relies on the holder to do it.
     */
    private void drainPushedLocked() {
        long now = config.nanoTime().getAsLong();
        boolean any = false;
        for (int i = 0; i < PUSHED_BATCH; i++) {
            byte[] d = pushedIn.poll();
            if (d == null) {
                break;
            }
            pushedCount.decrementAndGet();
            connection.onDatagram(d, d.length, now);
            any = true;
        }
        if (any) {
            if (connection.nextTimeout() <= now) {
                connection.onTimeout(now);
            }
            flushLocked();
            wakeWaitersLocked();
        }
    }

    /** Wakes readers whose wait is over, every writer or closer that waits, and the I/O thread when the session ended. */
    private void wakeWaitersLocked() {
        boolean open = connection.state() == Connection.State.OPEN;
        boolean wake = otherWaiters > 0 || !open;
        for (int id = 0; id < readWant.length && !wake; id++) {
            wake = readWant[id] > 0 && readable(id, readWant[id]);
        }
        if (wake) {
            changed.signalAll();
        }
        if (!open) {
            ioStop.signal();
        }
        Thread p = pumper;
        if (p != null && p != Thread.currentThread() && (!open || readable(pumpChannel, readWant[pumpChannel]))) {
            transport.wakePump();
        }
    }

    /** Whether channel {@code id} has the {@code want} bytes a reader waits for, or has ended. */
    private boolean readable(int id, int want) {
        return connection.available(id) >= want || connection.atEnd(id);
    }

    /** {@code changed.awaitNanos} for writers and closers, counted so that incoming datagrams wake them. */
    private void awaitChange(long nanos) throws InterruptedException {
        otherWaiters++;
        try {
            drainPushedLocked();
            changed.awaitNanos(nanos);
        } finally {
            otherWaiters--;
        }
    }

    /**
     * Sends what the windows allow. Bytes left waiting for acknowledgements hand the transport back to its own
     * reader ({@link DatagramTransport#releasePump}): a thread that pumps may be away computing or waiting on another
     * peer, and the backlog moves only as fast as acknowledgements are taken in.
     */
    private void flushLocked() {
        long now = config.nanoTime().getAsLong();
        int n;
        while ((n = connection.poll(now, out, transport.maxDatagram())) > 0) {
            try {
                transport.send(out, 0, n);
            } catch (IOException e) {
                sendErrors++;
                lastSendError = e.getMessage();
            }
        }
        if (pushed && connection.sendBacklog()) {
            transport.releasePump();
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
        lock.lock();
        try {
            ioStop.signal();
        } finally {
            unlock();
        }
        try {
            io.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
    }
}
