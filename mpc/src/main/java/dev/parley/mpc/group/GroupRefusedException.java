package dev.parley.mpc.group;

/**
 * The host refused this party's join-request, before any input was shared: another program or version (the message
 * names both fingerprints), a full group, or an expired invitation. {@link #code()} is the problem-report code.
 */
public final class GroupRefusedException extends GroupException {
    private final String code;

    public GroupRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The problem code the host sent, e.g. {@code e.p.mpc-group.program-mismatch}. */
    public String code() {
        return code;
    }
}
