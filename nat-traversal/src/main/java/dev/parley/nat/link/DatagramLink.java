package dev.parley.nat.link;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An unreliable, unordered datagram channel to one peer over the best path found so far.
 *
 * <p>It may start on the relay and move to a direct ICE pair as soon as one is nominated, and
 * back to the relay when that pair stops answering for {@link LinkConfig#consentTimeout()}
 * (listeners hear each change); datagrams may be lost, duplicated or reordered around a switch,
 * as on any UDP path. Keepalives run on the active path so idle NAT mappings do not expire.
 * Thread safe: any thread may send, one or more may receive.
 */
public interface DatagramLink extends AutoCloseable {
    /** Largest payload {@link #send} accepts: fits a 1280-byte IPv6 MTU with headers to spare. */
    int MAX_PAYLOAD = 1200;

    /**
     * Sends one datagram on the active path. Returns without waiting for delivery.
     *
     * @throws IllegalArgumentException when longer than {@link #MAX_PAYLOAD}
     * @throws LinkClosedException when the link is closed, or failed (every path is gone; the message says why)
     */
    void send(byte[] datagram) throws IOException;

    /**
     * The next datagram from the peer, or empty when none arrives within {@code timeout}.
     *
     * @throws LinkClosedException when the link is closed, or failed and every datagram it had received was taken
     */
    Optional<byte[]> receive(Duration timeout) throws InterruptedException, LinkClosedException;

    /** The path in use now. */
    LinkPath path();

    /** Smoothed round-trip time (RFC 6298) on the active path, once a keepalive has been answered. */
    Optional<Duration> smoothedRtt();

    /** Registers a listener called (on an internal thread) with the new path after every change. */
    void onPathChange(Consumer<LinkPath> listener);

    /** Stops keepalives, frees the ICE agent and detaches from the relay. Idempotent. */
    @Override
    void close();
}
