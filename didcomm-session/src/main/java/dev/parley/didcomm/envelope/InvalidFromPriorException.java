package dev.parley.didcomm.envelope;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** A `from_prior` DID rotation JWT is malformed, not signed by a key of its issuer, or does not name the message's sender. */
public final class InvalidFromPriorException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public InvalidFromPriorException(String message) {
        super(message);
    }

    public InvalidFromPriorException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("trust.from-prior");
    }
}
