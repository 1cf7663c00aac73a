package dev.parley.mpc.group;

/** A group link is not usable: malformed, for an unknown program, with out-of-range parameters, or expired. */
public final class InvalidGroupInvitationException extends GroupException {

    public enum Reason { MALFORMED, UNKNOWN_PROGRAM, OUT_OF_RANGE, EXPIRED }

    private final Reason reason;

    public InvalidGroupInvitationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public InvalidGroupInvitationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
