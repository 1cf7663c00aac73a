package dev.parley.didcomm.envelope;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** The key that authenticated a message (authcrypt `skid` or signature `kid`) does not belong to the message's `from` DID. */
public final class SenderMismatchException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public SenderMismatchException(String message) {
        super(message);
    }

    public SenderMismatchException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("trust.sender-mismatch");
    }
}
