package dev.parley.didcomm.message;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** A plaintext message is well-formed JSON but breaks DIDComm's rules (missing id, wrong typ, bad body). */
public final class InvalidMessageException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("msg.invalid");
    }
}
