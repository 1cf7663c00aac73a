package dev.parley.didcomm.routing;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** A message given to a mediator is not a usable routing 2.0 {@code forward} (type, next, attachment). */
public final class InvalidForwardException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public InvalidForwardException(String message) {
        super(message);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("msg.invalid-forward");
    }
}
