package dev.parley.mediator.metrics;

/** Why the mediator refused something; the {@code reason} label of {@code parley_mediator_rejected_total}. */
public enum RejectReason {
    TOO_LARGE,
    WRONG_CONTENT_TYPE,
    MALFORMED,
    CRYPTO,
    REPLAY,
    UNSUPPORTED_TYPE,
    NOT_AUTHORIZED,
    UNKNOWN_RECIPIENT,
    QUEUE_FULL,
    RATE_LIMITED,
    EXPIRED,
    STORAGE,
    OVERLOADED,
    WEBSOCKET_IDLE,
    SLOW_CLIENT,
    BAD_REQUEST;

    /** The label value, lower case. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
