package dev.parley.mediator.store;

import java.util.Objects;

/**
 * Identifies an inbound message for replay protection: the authenticated sender DID (or {@code anon})
 * and the message id.
 */
public record ReplayKey(String sender, String messageId) {
    public ReplayKey {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(messageId, "messageId");
    }
}
