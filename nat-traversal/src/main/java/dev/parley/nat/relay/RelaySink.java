package dev.parley.nat.relay;

/**
 * The transport side of one attached peer, implemented by the WebSocket endpoint (or a test).
 * Calls come from other peers' threads: implementations must be thread safe and must not block
 * (queue the frame or drop it, as UDP would).
 */
public interface RelaySink {
    /** Delivers one opaque frame from the other peer. The array is the sink's to keep. */
    void deliver(byte[] frame);

    /** The relay ended this attachment (expired, quota spent, replaced); the transport should close. */
    void close(String reason);
}
