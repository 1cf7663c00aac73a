package dev.parley.session.link;

import dev.parley.nat.link.DatagramLink;
import dev.parley.nat.link.LinkPath;
import dev.parley.session.DatagramTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A nat-traversal {@link DatagramLink} seen as the session's {@link DatagramTransport}. Path changes reach the
 * session's listeners as {@link #describe(LinkPath)} text. Owns the link: closing the transport closes it.
 * Thread-safe as the link is (any thread sends, one receives).
 */
public final class DatagramLinkTransport implements DatagramTransport {
    private final DatagramLink link;

    public DatagramLinkTransport(DatagramLink link) {
        this.link = Objects.requireNonNull(link, "link");
    }

    /** The link underneath, for its path and round-trip time. */
    public DatagramLink link() {
        return link;
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        link.send(datagram);
    }

    @Override
    public void send(byte[] data, int offset, int length) throws IOException {
        link.send(data, offset, length);
    }

    @Override
    public int maxDatagram() {
        return link.maxPayload();
    }

    @Override
    public Optional<byte[]> receive(Duration timeout) throws IOException, InterruptedException {
        return link.receive(timeout);
    }

    /** Pushes from the link's own reader threads ({@link DatagramLink#deliverTo}). */
    @Override
    public boolean deliverTo(Consumer<byte[]> receiver) {
        link.deliverTo(receiver::accept);
        return true;
    }

    @Override
    public boolean pump(long timeoutNanos) {
        return link.pump(timeoutNanos);
    }

    @Override
    public void wakePump() {
        link.wakePump();
    }

    @Override
    public void releasePump() {
        link.releasePump();
    }

    @Override
    public void onPathChange(Consumer<String> listener) {
        link.onPathChange(path -> listener.accept(describe(path)));
    }

    @Override
    public void close() {
        link.close();
    }

    /** {@code direct (HOST 10.0.0.2:5000 -> 10.0.0.3:6000)} or {@code relay (ws relay 1.2.3.4:443)}. */
    public static String describe(LinkPath path) {
        return path.type().isDirect()
                ? "direct (" + path.type() + " " + path.local() + " -> " + path.remote() + ")"
                : "relay (" + path.remote() + ")";
    }
}
