package dev.parley.didcomm.mediator;

import java.util.List;

/**
 * What the mediator says of this client, for {@code parley mediator status}. Immutable.
 *
 * @param granted whether this DID holds a mediation grant
 * @param keys the recipient DIDs or keys registered (empty when not granted)
 * @param queuedMessages messages waiting for pickup
 * @param queuedBytes their total size
 */
public record MediatorStatus(boolean granted, List<String> keys, long queuedMessages, long queuedBytes) {
    public MediatorStatus {
        keys = List.copyOf(keys);
    }
}
