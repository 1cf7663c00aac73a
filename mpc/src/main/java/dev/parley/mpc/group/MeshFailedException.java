package dev.parley.mpc.group;

/**
 * A session with a peer could not be opened: its handshake failed (for instance because the host showed the two
 * parties different rosters, so their application fingerprints differ), no path formed, or the mediator failed.
 */
public final class MeshFailedException extends GroupException {
    private final int peer;

    public MeshFailedException(int peer, String message, Throwable cause) {
        super(message, cause);
        this.peer = peer;
    }

    /** The party index of the peer whose session failed. */
    public int peer() {
        return peer;
    }
}
