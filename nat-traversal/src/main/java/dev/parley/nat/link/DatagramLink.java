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
 * Thread safe: any thread may send, one or more may receive (or one receiver takes every datagram, see
 * {@link #deliverTo}).
 */
public interface DatagramLink extends AutoCloseable {
    /** Largest payload every path carries: fits a 1280-byte IPv6 MTU with headers to spare. */
    int MAX_PAYLOAD = 1200;
    /** Largest payload any path is ever found to carry (a loopback or jumbo-frame path; under UDP's 65,507). */
    int LARGEST_PAYLOAD = 65_000;

    /**
     * Sends one datagram on the active path. Returns without waiting for delivery. A datagram longer than the
     * path's {@link #maxPayload()} (the path changed since the caller asked) is dropped, as a path with a smaller
     * MTU would drop it.
     *
     * @throws IllegalArgumentException when longer than {@link #LARGEST_PAYLOAD}
     * @throws LinkClosedException when the link is closed, or failed (every path is gone; the message says why)
     */
    void send(byte[] datagram) throws IOException;

    /**
     * As {@link #send(byte[])} for {@code length} bytes of {@code data} from {@code offset}, which the caller may reuse
     * once this returns: a caller that builds datagrams in one buffer spares a copy.
     */
    default void send(byte[] data, int offset, int length) throws IOException {
        send(java.util.Arrays.copyOfRange(data, offset, offset + length));
    }

    /**
     * Largest payload the active path carries now: {@link #MAX_PAYLOAD}, or more on a direct path once the peer
     * answered a probe of that size (path MTU discovery in the manner of RFC 8899: the size tried is the local
     * interface's MTU less the IP and UDP headers, so nothing is fragmented on this side, at most
     * {@link #LARGEST_PAYLOAD}). Back to {@link #MAX_PAYLOAD} when the path changes. Fewer, larger datagrams cost
     * far less per byte: each one is a system call, a wake-up and a record on each side.
     */
    default int maxPayload() {
        return MAX_PAYLOAD;
    }

    /**
     * The next datagram from the peer, or empty when none arrives within {@code timeout}.
     *
     * @throws LinkClosedException when the link is closed, or failed and every datagram it had received was taken
     */
    Optional<byte[]> receive(Duration timeout) throws InterruptedException, LinkClosedException;

    /**
     * Hands every datagram that arrives from now on to {@code receiver}, on the thread that read it (the direct
     * path's socket reader, or the relay client's thread), instead of queueing it for {@link #receive}: one thread
     * hand-off fewer per datagram. Datagrams already queued are handed over first, on the caller's thread. After
     * this, {@link #receive} returns no data but still reports a closed or failed link by throwing.
     *
     * <p>The receiver may be called from two threads at once around a path switch, so it must be thread safe; it
     * must not block for long (the socket's kernel buffer fills meanwhile) and must not throw (an exception is
     * logged and the datagram dropped). Set once.
     *
     * @throws IllegalStateException when a receiver is already set
     */
    void deliverTo(Receiver receiver);

    /**
     * Reads the direct path's socket on the calling thread, waiting at most about {@code timeoutNanos} (a few
     * milliseconds more at worst), and hands what it reads to the {@link #deliverTo} receiver on this thread: for a
     * thread that waits for the peer anyway, one thread wake-up per datagram instead of two (the socket reader's,
     * then the waiting thread's). One thread pumps at a time; the link's own reader reads whenever none has for a
     * few milliseconds.
     *
     * @return true when this thread read (a datagram, or nothing in time, or {@link #wakePump} ended it); false
     *         when it cannot read here now (no receiver, not on a direct path, another thread pumps, or the socket
     *         reader has not yet stepped aside, which it does after its next datagram): the caller waits for the
     *         receiver's work instead
     */
    default boolean pump(long timeoutNanos) {
        return false;
    }

    /** Ends a {@link #pump} in progress on another thread now; no effect when none is. */
    default void wakePump() {
    }

    /**
     * Gives reading back to the link's own reader now, when no {@link #pump} is in progress, instead of after a few
     * milliseconds without one: for a caller that will not pump for a while but expects datagrams that matter (the
     * acknowledgements a transfer waits for).
     */
    default void releasePump() {
    }

    /** Takes datagrams pushed by {@link #deliverTo}; {@code datagram} is the receiver's to keep. */
    @FunctionalInterface
    interface Receiver {
        void onDatagram(byte[] datagram);
    }

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
