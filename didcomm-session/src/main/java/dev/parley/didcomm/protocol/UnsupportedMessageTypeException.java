package dev.parley.didcomm.protocol;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** No handler is registered for a message's type URI (unknown protocol, version or message name). */
public final class UnsupportedMessageTypeException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public UnsupportedMessageTypeException(String message) {
        super(message);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("msg.unsupported");
    }
}
