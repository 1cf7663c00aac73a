package dev.parley.didcomm.envelope;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** A message's `expires_time` has passed (according to the injected clock). */
public final class ExpiredMessageException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public ExpiredMessageException(String message) {
        super(message);
    }

    public ExpiredMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("req.time.expired");
    }
}
