package dev.parley.mediator.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A message held for a client. The payload array is owned by this record: callers must not modify it.
 *
 * @param id opaque id unique to this mediator, used in delivery attachments and messages-received
 * @param route the client and recipient it was queued for
 * @param receivedAt when the mediator committed it
 * @param expiresAt when it is dropped if not picked up
 * @param payload the forwarded (encrypted) message as received
 */
public record QueuedMessage(String id, Route route, Instant receivedAt, Instant expiresAt, byte[] payload) {
    public QueuedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String toString() {
        return "QueuedMessage[id=" + id + ", route=" + route + ", bytes=" + payload.length + "]";
    }
}
