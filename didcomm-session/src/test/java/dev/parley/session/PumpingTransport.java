package dev.parley.session;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link PushingTransport} whose pump reads nothing: every datagram reaches the session on the pushing reader's
 * thread while the session's reader sits in {@link #pump} until {@link #wakePump} or its time is up, as a reader
 * pumping one socket of a link does while data comes in on another path. It shows whether the session wakes a
 * pumping reader whose data another thread took in.
 */
final class PumpingTransport implements DatagramTransport {
    private final PushingTransport pushing;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong pumps = new AtomicLong();
    private final AtomicLong wakes = new AtomicLong();
    private final AtomicLong releases = new AtomicLong();

    PumpingTransport(UdpTransport udp) {
        this.pushing = new PushingTransport(udp);
    }

    @Override
    public boolean deliverTo(Consumer<byte[]> receiver) {
        return pushing.deliverTo(receiver);
    }

    @Override
    public boolean pump(long timeoutNanos) {
        pumps.incrementAndGet();
        try {
            wake.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    @Override
    public void wakePump() {
        wakes.incrementAndGet();
        wake.release();
    }

    @Override
    public void releasePump() {
        releases.incrementAndGet();
    }

    long releases() {
        return releases.get();
    }

    long pumps() {
        return pumps.get();
    }

    long wakes() {
        return wakes.get();
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        pushing.send(datagram);
    }

    @Override
    public Optional<byte[]> receive(Duration timeout) throws IOException {
        return pushing.receive(timeout);
    }

    @Override
    public void close() {
        pushing.close();
        wake.release(Integer.MAX_VALUE / 2);
    }
}
