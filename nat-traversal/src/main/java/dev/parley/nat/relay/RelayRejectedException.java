package dev.parley.nat.relay;

/** The relay refused an attach; {@link #reason()} says why in a form a transport can map to a close code. */
public final class RelayRejectedException extends Exception {
    /** Why an attach was refused. */
    public enum Reason { BAD_TOKEN, ALREADY_ATTACHED, CAPACITY, EXPIRED }

    private final Reason reason;

    public RelayRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
