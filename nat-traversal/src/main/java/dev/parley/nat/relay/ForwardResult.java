package dev.parley.nat.relay;

/** What happened to one frame handed to {@link RelayServerCore.Attachment#forward}. */
public enum ForwardResult {
    DELIVERED,
    /** The other peer is not attached (yet); the frame is dropped like a lost datagram. */
    PEER_ABSENT,
    /** Over the allocation's rate; dropped. */
    RATE_LIMITED,
    /** Larger than {@link RelayLimits#maxFrameBytes()}; dropped. */
    TOO_LARGE,
    /** The allocation expired or spent its byte quota and has been closed. */
    CLOSED
}
