package dev.parley.session.didcomm;

/** The peer answered this side's propose with a reject; the message names its problem code and comment. */
public final class SessionRefusedException extends Exception {
    private final SessionMessages.RejectBody reject;

    public SessionRefusedException(String peerDid, SessionMessages.RejectBody reject) {
        super(peerDid + " refused the session: " + reject.code() + (reject.comment().isEmpty() ? "" : " (" + reject.comment() + ")"));
        this.reject = reject;
    }

    public SessionMessages.RejectBody reject() {
        return reject;
    }
}
