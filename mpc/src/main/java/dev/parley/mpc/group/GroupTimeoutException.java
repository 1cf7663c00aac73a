package dev.parley.mpc.group;

/** Someone did not show up in time: joiners before the invitation expired, the host's answer, or a peer's session. */
public final class GroupTimeoutException extends GroupException {
    public GroupTimeoutException(String message) {
        super(message);
    }

    public GroupTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
