package dev.parley.nat.link.internal;

import dev.parley.nat.stun.StunCodec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host socket read by one thread of ours that splits what arrives: STUN messages (RFC 7983: first byte 0-3 and
 * the magic cookie) go to ice4j, which reads them through {@link #receive}; everything else goes straight to the
 * link's handler on the reading thread. Without it every datagram crossed ice4j's demultiplexer and its merging
 * socket's reader thread before the link's own reader saw it: two thread hand-offs and two copies per datagram, the
 * largest cost of the session's data path (docs/benchmarks/mpc.md). ice4j keeps the socket for its checks and
 * consent; {@link #send} is the plain socket's and needs no hand-off.
 */
final class DemuxSocket extends DatagramSocket {
    private static final Logger LOG = LoggerFactory.getLogger(DemuxSocket.class);
    /** STUN messages waiting for ice4j; beyond this they are dropped, as a full socket buffer would drop them. */
    static final int STUN_QUEUE = 256;
    private static final DatagramPacket CLOSED = new DatagramPacket(new byte[0], 0);

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

    DemuxSocket(InetSocketAddress bind, int maxDatagram) throws SocketException {
        super(bind);
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
            try {
                p.setData(buffer);
                super.receive(p);
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("host socket reader on port {} stopped: {}", getLocalPort(), e.getMessage());
                }
                break;
            }
            if (StunCodec.looksLikeStun(buffer, 0, p.getLength())) {
                DatagramPacket copy = new DatagramPacket(java.util.Arrays.copyOf(buffer, p.getLength()), p.getLength(),
                        p.getSocketAddress());
                if (stun.size() < STUN_QUEUE) {
                    stun.offer(copy);
                }
                continue;
            }
            Handler h = handler;
            if (h != null) {
                try {
                    h.onDatagram(this, buffer, 0, p.getLength(), (InetSocketAddress) p.getSocketAddress());
                } catch (RuntimeException e) {
                    LOG.warn("the link failed on a datagram of {} bytes (dropped): {}", p.getLength(), e.toString());
                }
            }
        }
        stun.offer(CLOSED);
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
    }
}
