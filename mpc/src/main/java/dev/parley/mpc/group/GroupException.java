package dev.parley.mpc.group;

/**
 * Setting up an MPC group failed before the computation started. Each subclass says whose problem it is: the link or
 * the group's content ({@link InvalidGroupInvitationException}, {@link GroupRefusedException},
 * {@link InvalidRosterException}) or the network and the other parties ({@link GroupTimeoutException},
 * {@link MeshFailedException}). Messages are one line a user can act on.
 */
public abstract sealed class GroupException extends Exception
        permits InvalidGroupInvitationException, GroupRefusedException, InvalidRosterException, GroupTimeoutException,
        MeshFailedException {
    protected GroupException(String message) {
        super(message);
    }

    protected GroupException(String message, Throwable cause) {
        super(message, cause);
    }
}
