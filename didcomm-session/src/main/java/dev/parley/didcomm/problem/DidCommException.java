package dev.parley.didcomm.problem;

/**
 * Base of every DIDComm failure in Parley. Each subclass names one kind of problem and maps it to the
 * {@link ProblemCode} a peer should receive in a {@code problem-report}, so an error that reaches a peer
 * is never an opaque stack trace.
 *
 * <p>Messages are one line a user can act on and never contain key material.
 */
public abstract class DidCommException extends Exception {

    private static final long serialVersionUID = 1L;

    protected DidCommException(String message) {
        super(message);
    }

    protected DidCommException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The code to put in a problem-report sent to the peer whose message caused this failure. */
    public abstract ProblemCode problemCode();
}
