package dev.parley.session.channel;

/** The application named a channel id outside 0..maxChannels-1. */
public final class UnknownChannelException extends IllegalArgumentException {
    public UnknownChannelException(int id, int max) {
        super("channel " + id + " does not exist: ids run from 0 to " + (max - 1));
    }
}
