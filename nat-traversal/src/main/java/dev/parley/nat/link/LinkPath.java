package dev.parley.nat.link;

import java.net.InetSocketAddress;

/**
 * The path a link uses. For the relay, {@code local} is the WebSocket's local end and
 * {@code remote} the relay server: the peer's address stays hidden there.
 */
public record LinkPath(PathType type, InetSocketAddress local, InetSocketAddress remote) {
}
