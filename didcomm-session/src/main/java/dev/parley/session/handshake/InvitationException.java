package dev.parley.session.handshake;

/** A session invitation cannot be redeemed: see {@link Reason}. */
public final class InvitationException extends HandshakeException {
    /** Why an invitation was refused. */
    public enum Reason {
        EXPIRED("invitation-expired"), USED("invitation-used"), UNKNOWN("invitation-unknown");

        private final String descriptor;

        Reason(String descriptor) {
            this.descriptor = descriptor;
        }
    }

    private final Reason reason;

    public InvitationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String problemCode() {
        return "session." + reason.descriptor;
    }
}
