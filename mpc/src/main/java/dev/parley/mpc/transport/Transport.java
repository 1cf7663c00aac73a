package dev.parley.mpc.transport;

import dev.parley.mpc.MpcException;
import java.time.Duration;

/**
 * Point-to-point, per-peer FIFO delivery of opaque round messages between the n parties of one computation. The engine
 * sends at most one message per peer per round and receives in the same order as every other party, so a transport
 * only needs a bounded inbox per peer and a round check.
 *
 * <p>Parties are numbered 1..n. Implementations must be safe for one thread sending and receiving; {@link #close()} may
 * be called from any thread and makes peers fail fast with {@link dev.parley.mpc.PartyUnreachableException}.
 * Confidentiality and authenticity are the transport's job: the encrypted session transport provides them, the
 * in-memory and TCP transports here do not.
 */
public interface Transport extends AutoCloseable {

    /** This party's index, 1..n. */
    int self();

    /** Number of parties n. */
    int parties();

    /**
     * Queues one message for a peer. The payload array is owned by the transport after the call.
     *
     * @throws dev.parley.mpc.TransportException if the message is too large, the peer's inbox stays full for the
     *         configured time, or the transport is closed
     */
    void send(int to, long round, byte[] payload) throws MpcException;

    /**
     * The next message from {@code from}, which must belong to {@code round}.
     *
     * @throws dev.parley.mpc.PartyUnreachableException if nothing arrives within {@code timeout} or the peer closed
     * @throws dev.parley.mpc.ProtocolViolationException if the peer's next message is for another round or malformed
     */
    byte[] receive(int from, long round, Duration timeout) throws MpcException;

    /** Releases resources and tells peers this party has left; idempotent. */
    @Override
    void close();
}
