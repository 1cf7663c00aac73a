package dev.parley.didcomm.json;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** The input exceeds a configured {@link JsonLimits} bound (size, nesting, string length, layers). */
public final class JsonLimitExceededException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public JsonLimitExceededException(String message) {
        super(message);
    }

    public JsonLimitExceededException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("msg.too-large");
    }
}
