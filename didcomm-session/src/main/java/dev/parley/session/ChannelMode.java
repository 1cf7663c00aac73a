package dev.parley.session;

/** How a channel presents its bytes. */
public enum ChannelMode {
    /** A byte stream: {@link Channel#input()} and {@link Channel#output()}. */
    STREAM,
    /** Whole messages with boundaries kept (larger than a record: fragmented and reassembled): MPC rounds. */
    MESSAGE
}
