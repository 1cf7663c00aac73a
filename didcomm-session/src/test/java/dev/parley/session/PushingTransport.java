package dev.parley.session;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link UdpTransport} that pushes what it reads to the session ({@link DatagramTransport#deliverTo}) from its own
 * reader thread, as a nat-traversal link does: the test stand-in for the push path, with the same seeded loss.
 */
final class PushingTransport implements DatagramTransport {
    private final UdpTransport udp;
    private final AtomicLong pushed = new AtomicLong();
    private volatile boolean closed;

    PushingTransport(UdpTransport udp) {
        this.udp = udp;
    }

    @Override
    public boolean deliverTo(Consumer<byte[]> receiver) {
        Thread.ofPlatform().daemon().name("pushing-reader").start(() -> {
            try {
                while (!closed) {
                    Optional<byte[]> d = udp.receive(Duration.ofMillis(20));
                    if (d.isPresent()) {
                        pushed.incrementAndGet();
                        receiver.accept(d.get());
                    }
                }
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                if (!closed) {
                    throw new IllegalStateException("test UDP reader failed", e);
                }
            }
        });
        return true;
    }

    /** Datagrams handed to the session's receiver. */
    long pushed() {
        return pushed.get();
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        udp.send(datagram);
    }

    /** As a pushing link: no data here, only whether the transport was closed. */
    @Override
    public Optional<byte[]> receive(Duration timeout) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
    }
}
