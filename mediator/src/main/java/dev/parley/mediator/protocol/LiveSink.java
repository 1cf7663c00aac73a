package dev.parley.mediator.protocol;

/**
 * A persistent connection that can carry messages the client did not ask for (a WebSocket). Implementations
 * are thread-safe and never block: a slow consumer makes {@link #send} return false (and the transport
 * closes it), the message stays queued.
 */
public interface LiveSink {

    /** Queues {@code envelope} for sending; false when the connection is closed or too far behind. */
    boolean send(byte[] envelope);

    /** Whether the connection is still open. */
    boolean isOpen();
}
