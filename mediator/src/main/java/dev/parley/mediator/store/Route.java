package dev.parley.mediator.store;

import java.util.Objects;

/**
 * Where a forward goes: the mediated client that picks it up and the recipient DID or key it was
 * registered as. Immutable.
 */
public record Route(String clientDid, String recipientDid) {
    public Route {
        Objects.requireNonNull(clientDid, "clientDid");
        Objects.requireNonNull(recipientDid, "recipientDid");
    }
}
