package dev.parley.didcomm.envelope;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** An envelope's structure or headers break the DIDComm rules: a missing or wrong `typ`, `epk`, `apv`, `iv`, a bad layer order. */
public final class InvalidEnvelopeException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public InvalidEnvelopeException(String message) {
        super(message);
    }

    public InvalidEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("msg.invalid-envelope");
    }
}
