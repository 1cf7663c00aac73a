package dev.parley.session;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An unreliable datagram path to the peer: the shape of nat-traversal's {@code DatagramLink} (which fits it with a
 * four-line adapter), of a plain UDP socket, or of an in-memory test path. Datagrams may be lost, duplicated or
 * reordered. Implementations must allow {@link #send} from any thread while one thread receives.
 */
public interface DatagramTransport extends AutoCloseable {
    /** Largest datagram every path carries: {@code DatagramLink.MAX_PAYLOAD}. */
    int MAX_DATAGRAM = 1200;

    /**
     * Sends one datagram of at most {@link #maxDatagram()} bytes; one sized for a path that has since changed may be
     * dropped, as a network with a smaller MTU would drop it.
     */
    void send(byte[] datagram) throws IOException;

    /** As {@link #send(byte[])} for part of a buffer the caller reuses once this returns. */
    default void send(byte[] data, int offset, int length) throws IOException {
        send(java.util.Arrays.copyOfRange(data, offset, offset + length));
    }

    /**
     * Largest datagram the path carries now, read before each datagram is built: {@link #MAX_DATAGRAM}, or up to
     * {@code DatagramLink.LARGEST_PAYLOAD} where the path was found to carry more (see
     * {@code DatagramLink.maxPayload()}).
     */
    default int maxDatagram() {
        return MAX_DATAGRAM;
    }

    /** The next datagram, or empty after {@code timeout}. */
    Optional<byte[]> receive(Duration timeout) throws IOException, InterruptedException;

    /**
     * Asks the transport to push every datagram from now on to {@code receiver} on the thread that read it, instead
     * of queueing it for {@link #receive}; {@link #receive} then returns no data but still throws when the
     * transport is closed or failed. The receiver is thread safe and does not throw. Transports that cannot push
     * return false and keep queueing.
     *
     * @return whether datagrams will be pushed
     */
    default boolean deliverTo(Consumer<byte[]> receiver) {
        return false;
    }

    /**
     * For a pushing transport: reads datagrams on the calling thread for at most about {@code timeoutNanos},
     * pushing them to the receiver on this thread (see {@code DatagramLink.pump}).
     *
     * @return true when this thread read or waited; false when it cannot read here now (the caller waits for pushes)
     */
    default boolean pump(long timeoutNanos) {
        return false;
    }

    /** Ends a {@link #pump} in progress on another thread; no effect when none is. */
    default void wakePump() {
    }

    /** Gives reading back to the transport's own reader now, when no {@link #pump} is in progress. */
    default void releasePump() {
    }

    /** Registers a listener told (with a description) when the path changes, e.g. relay to direct. */
    default void onPathChange(Consumer<String> listener) {
    }

    @Override
    void close();
}
