package dev.parley.nat.link;

import dev.parley.nat.relay.RelayToken;
import java.net.URI;

/** Where this peer's relay allocation lives and the token (from the mediator) that opens its side. */
public record RelayEndpoint(URI uri, RelayToken token) {
    public RelayEndpoint {
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("relay URI must be ws:// or wss://, got " + uri);
        }
    }
}
