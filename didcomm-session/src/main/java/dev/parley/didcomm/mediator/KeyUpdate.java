package dev.parley.didcomm.mediator;

import java.util.Objects;

/**
 * One keylist change and, in a response, its result. Immutable.
 *
 * @param recipientDid the DID or key the mediator should route for the client
 * @param action add or remove
 * @param result the mediator's answer ({@code success}, {@code no_change}, {@code client_error},
 *     {@code server_error}); null in a request
 */
public record KeyUpdate(String recipientDid, Action action, String result) {

    /** Keylist actions. */
    public enum Action { ADD, REMOVE }

    public KeyUpdate {
        Objects.requireNonNull(recipientDid, "recipientDid");
        Objects.requireNonNull(action, "action");
    }

    public static KeyUpdate add(String recipientDid) {
        return new KeyUpdate(recipientDid, Action.ADD, null);
    }

    public static KeyUpdate remove(String recipientDid) {
        return new KeyUpdate(recipientDid, Action.REMOVE, null);
    }

    /** Whether the mediator now holds the requested state. */
    public boolean succeeded() {
        return "success".equals(result) || "no_change".equals(result);
    }
}
