package dev.parley.didcomm.envelope;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** A message cannot be packed as asked: no compatible keys, a missing private key, or a `from` that does not match the sender. Raised on the sending side only. */
public final class PackingException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public PackingException(String message) {
        super(message);
    }

    public PackingException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("me.cannot-pack");
    }
}
