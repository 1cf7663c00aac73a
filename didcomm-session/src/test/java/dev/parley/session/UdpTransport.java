package dev.parley.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * A real UDP socket on loopback (port 0), connected to its peer, with optional seeded loss on send: the test stand-in
 * for a direct DatagramLink path. Thread-safe for one receiver and many senders.
 */
public final class UdpTransport implements DatagramTransport {
    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocateDirect(dev.parley.session.record.RecordLayer.LARGEST_RECORD);
    private final Random random;
    private final double loss;
    private long dropped;
    private volatile int carries = MAX_DATAGRAM;

    private UdpTransport(double loss, long seed) throws IOException {
        channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        this.random = new Random(seed);
        this.loss = loss;
    }

    /** An unconnected transport on a loopback port (connect it with {@link #connectTo}). */
    public static UdpTransport open(double loss, long seed) throws IOException {
        return new UdpTransport(loss, seed);
    }

    /** This socket's port as a "candidate blob" (the test stand-in for an ICE candidate list). */
    public byte[] candidateBlob() throws IOException {
        return String.valueOf(((InetSocketAddress) channel.getLocalAddress()).getPort())
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Connects to the loopback port a peer's {@link #candidateBlob} names. */
    public UdpTransport connectTo(byte[] peerBlob) throws IOException {
        int port = Integer.parseInt(new String(peerBlob, java.nio.charset.StandardCharsets.US_ASCII));
        channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return this;
    }

    /** Two transports connected to each other on loopback. */
    public static UdpTransport[] pair(double loss, long seed) throws IOException {
        UdpTransport a = new UdpTransport(loss, seed);
        UdpTransport b = new UdpTransport(loss, seed + 1);
        a.channel.connect(b.channel.getLocalAddress());
        b.channel.connect(a.channel.getLocalAddress());
        return new UdpTransport[] {a, b};
    }

    /** Lets larger datagrams through, for a wrapper that reports a larger path size ({@link ResizableTransport}). */
    UdpTransport carrying(int bytes) {
        carries = bytes;
        return this;
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        if (datagram.length > carries) {
            throw new IllegalArgumentException("datagram of " + datagram.length + " bytes exceeds " + carries);
        }
        synchronized (random) {
            if (loss > 0 && random.nextDouble() < loss) {
                dropped++;
                return;
            }
        }
        channel.write(ByteBuffer.wrap(datagram));
    }

    @Override
    public Optional<byte[]> receive(Duration timeout) throws IOException {
        in.clear();
        if (channel.read(in) <= 0) {
            selector.selectedKeys().clear();
            if (selector.select(Math.max(1, timeout.toMillis())) == 0) {
                return Optional.empty();
            }
            selector.selectedKeys().clear();
            in.clear();
            try {
                if (channel.read(in) <= 0) {
                    return Optional.empty();
                }
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
        }
        in.flip();
        byte[] out = new byte[in.remaining()];
        in.get(out);
        return Optional.of(out);
    }

    public long dropped() {
        synchronized (random) {
            return dropped;
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
            channel.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("closing the test UDP socket", e);
        }
    }

    @Override
    public String toString() {
        return "UdpTransport" + Arrays.toString(new Object[] {loss});
    }
}
