package dev.parley.session;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link UdpTransport} whose path size the test sets, as a link's size probe would: it reports
 * {@link #maxDatagram()} and drops a datagram longer than the size now, as a link does after its path shrank.
 */
final class ResizableTransport implements DatagramTransport {
    private final UdpTransport udp;
    private volatile int maxDatagram;
    private final AtomicInteger largestSent = new AtomicInteger();
    private final AtomicLong droppedOversized = new AtomicLong();

    ResizableTransport(UdpTransport udp, int maxDatagram) {
        this.udp = udp.carrying(dev.parley.session.record.RecordLayer.LARGEST_RECORD);
        this.maxDatagram = maxDatagram;
    }

    void resize(int bytes) {
        maxDatagram = bytes;
    }

    int largestSent() {
        return largestSent.get();
    }

    long droppedOversized() {
        return droppedOversized.get();
    }

    @Override
    public int maxDatagram() {
        return maxDatagram;
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        if (datagram.length > maxDatagram) {
            droppedOversized.incrementAndGet();
            return;
        }
        largestSent.accumulateAndGet(datagram.length, Math::max);
        udp.send(datagram);
    }

    @Override
    public Optional<byte[]> receive(Duration timeout) throws IOException, InterruptedException {
        return udp.receive(timeout);
    }

    @Override
    public void close() {
        udp.close();
    }
}
