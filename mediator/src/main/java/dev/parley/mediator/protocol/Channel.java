package dev.parley.mediator.protocol;

import java.util.Optional;

/**
 * The connection a message arrived on.
 *
 * @param remote the client's address, used as the rate-limit key; never logged with content
 * @param live the WebSocket the message came over, empty for an HTTP POST
 */
public record Channel(String remote, Optional<LiveSink> live) {
    public static Channel http(String remote) {
        return new Channel(remote, Optional.empty());
    }
}
