package dev.parley.didcomm.json;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** The input is not JSON, has a duplicate key, or a value of the wrong JSON type. */
public final class MalformedJsonException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public MalformedJsonException(String message) {
        super(message);
    }

    public MalformedJsonException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("msg.malformed");
    }
}
