package dev.parley.mediator.store;

/** The per-key result of a keylist-update, with the spec's wire names. */
public enum KeyUpdateResult {
    SUCCESS("success"),
    NO_CHANGE("no_change"),
    CLIENT_ERROR("client_error"),
    SERVER_ERROR("server_error");

    private final String wire;

    KeyUpdateResult(String wire) {
        this.wire = wire;
    }

    /** The value of {@code result} in a keylist-update-response. */
    public String wire() {
        return wire;
    }
}
