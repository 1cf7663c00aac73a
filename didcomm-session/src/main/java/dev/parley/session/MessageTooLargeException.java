package dev.parley.session;

import java.io.IOException;

/** A message exceeds {@link SessionConfig#maxMessageSize()}, on sending or announced by the peer. */
public final class MessageTooLargeException extends IOException {
    public MessageTooLargeException(long size, int max) {
        super("message of " + size + " bytes exceeds the " + max + "-byte limit (SessionConfig.maxMessageSize)");
    }
}
