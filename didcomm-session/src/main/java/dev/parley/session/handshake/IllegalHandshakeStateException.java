package dev.parley.session.handshake;

/** A handshake call made in a state that does not allow it: a programming error, never a peer's fault. */
public final class IllegalHandshakeStateException extends IllegalStateException {
    public IllegalHandshakeStateException(SessionHandshake.State state, String call, boolean initiator) {
        super(call + " is not allowed for the " + (initiator ? "initiator" : "responder") + " in state " + state);
    }
}
