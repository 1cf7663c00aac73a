package dev.parley.nat.link.internal;

import dev.parley.nat.link.DatagramLink;
import dev.parley.nat.stun.StunCodec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host socket read by one thread of ours that splits what arrives: STUN messages (RFC 7983: first byte 0-3 and
 * the magic cookie) go to ice4j, which reads them through {@link #receive}; everything else goes straight to the
 * link's handler on the reading thread. Without it every datagram crossed ice4j's demultiplexer and its merging
 * socket's reader thread before the link's own reader saw it: two thread hand-offs and two copies per datagram, the
 * largest cost of the session's data path (docs/benchmarks/mpc.md). ice4j keeps the socket for its checks and
 * consent; {@link #send} is the plain socket's and needs no hand-off.
 *
 * <p>Direct reads. A thread that waits for the peer (the session's reader, e.g. an MPC engine between rounds) may
 * read the socket itself through {@link #pump}: the kernel then wakes the thread that needs the datagram, instead of
 * waking our reader which in turn wakes that thread (a hand-off costs more than the rest of a datagram's work on a
 * small machine; docs/benchmarks/mpc.md). Only one thread reads at a time. A pump asks the reader to step aside;
 * it does so after its next datagram ({@code DIRECT_IDLE}) and parks, waking every {@link #GRACE_NANOS} to take
 * the socket back once no pump has run for that long (the waiting thread went off to compute: STUN and late
 * datagrams are read promptly again) and to end a pump whose time is up with a zero-length datagram to the socket
 * itself (a blocking read has no other way out; zero-length datagrams are never data). Pumps are for the small
 * messages of an interactive exchange: a bulk datagram gives the socket back to our reader until a small one comes,
 * with the other sockets the same thread pumped, so that transfers from several peers are taken in side by side.
 */
final class DemuxSocket extends DatagramSocket {
    private static final Logger LOG = LoggerFactory.getLogger(DemuxSocket.class);
    /** STUN messages waiting for ice4j; beyond this they are dropped, as a full socket buffer would drop them. */
    static final int STUN_QUEUE = 256;
    private static final DatagramPacket CLOSED = new DatagramPacket(new byte[0], 0);
    /**
     * How long the socket stays with direct reads after the last pump before the reader takes it back; also the
     * longest the parked reader sleeps, so a pump overruns its time by at most this.
     */
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long WAKE_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int BACKGROUND = 0;
    private static final int DIRECT_IDLE = 1;
    private static final int DIRECT_READING = 2;
    /**
     * The sockets the current thread pumped last and left with direct reads (pruned of released and closed ones):
     * when a pump reads a bulk datagram, the thread is busy with this peer for a while, so the others go back to
     * their readers at once, which take in the other peers' data alongside instead of after the grace.
     */
    private static final ThreadLocal<List<DemuxSocket>> PUMPED_BY_THIS_THREAD = ThreadLocal.withInitial(ArrayList::new);

    /**
     * Receives every datagram that is not STUN, on the socket's reading thread, with the socket it came in on (to
     * answer from); the buffer is reused afterwards.
     */
    @FunctionalInterface
    interface Handler {
        void onDatagram(DemuxSocket socket, byte[] data, int offset, int length, InetSocketAddress from);
    }

    private final BlockingQueue<DatagramPacket> stun = new ArrayBlockingQueue<>(STUN_QUEUE + 1);
    private final Thread reader;
    private volatile Handler handler;
    private volatile boolean closed;
    /** ice4j's SO_TIMEOUT, kept apart: it governs ice4j's {@link #receive}, never the real socket's reader. */
    private volatile int stunTimeoutMillis;
    /** Who reads: our reader ({@code BACKGROUND}), or pumps ({@code DIRECT_*}, one at a time). */
    private final AtomicInteger mode = new AtomicInteger(BACKGROUND);
    /** A pump found the reader reading: it steps aside after its next datagram. */
    private volatile boolean stepAside;
    /**
     * Whether the last datagram was a bulk one (larger than {@link DatagramLink#MAX_PAYLOAD}): then the socket stays
     * with our reader until a small one comes. In a transfer our reader takes the peer's data in and acknowledges it
     * while the waiting thread works on what came from other peers; pumps pay off for the small messages of an
     * interactive exchange.
     */
    private volatile boolean lastWasBulk;
    /** When the last pump ended (nanoTime). */
    private volatile long lastPump;
    /**
     * When the pump in progress must end (nanoTime); the reader wakes it then, and again every
     * {@link #WAKE_AGAIN_NANOS} while it still reads (a wake-up datagram can be lost like any other).
     */
    private volatile long pumpDeadline;
    private final int maxDatagram;
    private final long graceNanos;
    /** The pumps' buffer, made by the first (one pump at a time; the mode's atomic hand-over orders them). */
    private byte[] pumpBuffer;
    private DatagramPacket pumpPacket;

    DemuxSocket(InetSocketAddress bind, int maxDatagram) throws SocketException {
        this(bind, maxDatagram, GRACE_NANOS);
    }

    /** With another grace than {@link #GRACE_NANOS}: tests that must not race the reader taking the socket back. */
    DemuxSocket(InetSocketAddress bind, int maxDatagram, long graceNanos) throws SocketException {
        super(bind);
        this.graceNanos = graceNanos;
        this.maxDatagram = maxDatagram;
        this.reader = Thread.ofPlatform().daemon().name("link-socket-" + getLocalPort())
                .unstarted(() -> readLoop(maxDatagram));
    }

    /** Starts reading; datagrams that are not STUN and arrive before a handler is set are dropped. */
    void start() {
        reader.start();
    }

    void handler(Handler h) {
        handler = h;
    }

    private void readLoop(int maxDatagram) {
        byte[] buffer = new byte[maxDatagram];
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            if (mode.get() != BACKGROUND) {
                standAside();
                continue;
            }
            try {
                p.setData(buffer);
                super.receive(p);
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("host socket reader on port {} stopped: {}", getLocalPort(), e.getMessage());
                }
                break;
            }
            boolean bulk = p.getLength() > DatagramLink.MAX_PAYLOAD;
            lastWasBulk = bulk;
            dispatch(buffer, p.getLength(), p);
            if (stepAside && !bulk) {
                stepAside = false;
                lastPump = System.nanoTime();
                mode.set(DIRECT_IDLE);
            }
        }
        stun.offer(CLOSED);
    }

    /** While pumps read: takes the socket back after the grace without one, ends a pump that overran. */
    private void standAside() {
        long now = System.nanoTime();
        int m = mode.get();
        if (m == DIRECT_IDLE && now - lastPump >= graceNanos && mode.compareAndSet(DIRECT_IDLE, BACKGROUND)) {
            return;
        }
        long until = lastPump + graceNanos - now;
        if (m == DIRECT_READING) {
            long left = pumpDeadline - now;
            if (left <= 0) {
                pumpDeadline = now + WAKE_AGAIN_NANOS;
                wakePump();
            }
            until = left > 0 ? left : GRACE_NANOS;
        }
        LockSupport.parkNanos(this, Math.max(50_000L, Math.min(until, GRACE_NANOS)));
    }

    /** STUN to ice4j's queue, the rest to the handler; zero-length datagrams (pump wake-ups) to neither. */
    private void dispatch(byte[] buffer, int length, DatagramPacket p) {
        if (length == 0) {
            return;
        }
        if (StunCodec.looksLikeStun(buffer, 0, length)) {
            DatagramPacket copy = new DatagramPacket(java.util.Arrays.copyOf(buffer, length), length,
                    p.getSocketAddress());
            if (stun.size() < STUN_QUEUE) {
                stun.offer(copy);
            }
            return;
        }
        Handler h = handler;
        if (h != null) {
            try {
                h.onDatagram(this, buffer, 0, length, (InetSocketAddress) p.getSocketAddress());
            } catch (RuntimeException e) {
                LOG.warn("the link failed on a datagram of {} bytes (dropped): {}", length, e.toString());
            }
        }
    }

    /**
     * Reads one datagram on the calling thread, waiting at most about {@code timeoutNanos} (to within
     * {@link #GRACE_NANOS}), and dispatches it as the reader would: the handler runs on this thread.
     *
     * @return true when this thread read (a datagram, a wake-up, or nothing in time); false when it cannot read
     *         here now: our reader still reads (it steps aside after its next datagram, so a later pump can),
     *         another thread pumps, or the socket is closed. The caller then waits for the handler's work instead.
     */
    boolean pump(long timeoutNanos) {
        if (lastWasBulk || !mode.compareAndSet(DIRECT_IDLE, DIRECT_READING)) {
            if (mode.get() == BACKGROUND && !closed) {
                stepAside = true;
            }
            return false;
        }
        pumpDeadline = System.nanoTime() + timeoutNanos;
        if (pumpBuffer == null) {
            pumpBuffer = new byte[maxDatagram];
            pumpPacket = new DatagramPacket(pumpBuffer, maxDatagram);
        }
        boolean bulk = false;
        try {
            pumpPacket.setData(pumpBuffer);
            super.receive(pumpPacket);
            bulk = pumpPacket.getLength() > DatagramLink.MAX_PAYLOAD;
            lastWasBulk = bulk;
            if (bulk) {
                releaseOthersPumpedByThisThread();
            }
            dispatch(pumpBuffer, pumpPacket.getLength(), pumpPacket);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            lastPump = System.nanoTime();
            if (bulk) {
                mode.set(BACKGROUND);
                LockSupport.unpark(reader);
            } else {
                mode.set(DIRECT_IDLE);
                List<DemuxSocket> pumped = PUMPED_BY_THIS_THREAD.get();
                if (!pumped.contains(this)) {
                    pumped.removeIf(s -> s.closed || s.mode.get() == BACKGROUND);
                    pumped.add(this);
                }
            }
        }
    }

    private void releaseOthersPumpedByThisThread() {
        List<DemuxSocket> pumped = PUMPED_BY_THIS_THREAD.get();
        for (DemuxSocket s : pumped) {
            if (s != this) {
                s.release();
            }
        }
        pumped.clear();
    }

    /** Gives the socket back to our reader now when no pump is in progress; no effect otherwise. */
    void release() {
        if (mode.compareAndSet(DIRECT_IDLE, BACKGROUND)) {
            LockSupport.unpark(reader);
        }
    }

    /** Ends a pump in progress now (a zero-length datagram to this socket); no effect when none is. */
    void wakePump() {
        if (mode.get() != DIRECT_READING || closed) {
            return;
        }
        try {
            super.send(new DatagramPacket(new byte[0], 0, getLocalSocketAddress()));
        } catch (IOException e) {
            LOG.debug("cannot wake the pump on port {}: {}", getLocalPort(), e.getMessage());
        }
    }

    /** ice4j's read: the next STUN message, honouring the socket timeout. */
    @Override
    public void receive(DatagramPacket p) throws IOException {
        DatagramPacket next;
        try {
            int timeout = stunTimeoutMillis;
            next = timeout > 0 ? stun.poll(timeout, TimeUnit.MILLISECONDS) : stun.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a STUN message");
        }
        if (next == null) {
            throw new SocketTimeoutException("no STUN message within the socket timeout");
        }
        if (next == CLOSED) {
            stun.offer(CLOSED);
            throw new SocketException("Socket closed");
        }
        int n = Math.min(next.getLength(), p.getData().length - p.getOffset());
        System.arraycopy(next.getData(), 0, p.getData(), p.getOffset(), n);
        p.setLength(n);
        p.setSocketAddress(next.getSocketAddress());
    }

    @Override
    public void setSoTimeout(int timeout) {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout < 0");
        }
        stunTimeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return stunTimeoutMillis;
    }

    @Override
    public void close() {
        closed = true;
        super.close();
        stun.offer(CLOSED);
        LockSupport.unpark(reader);
    }
}
