package dev.parley.didcomm.envelope;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** None of an envelope's recipient keys is held by this agent: the message was not encrypted for us. */
public final class NotARecipientException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public NotARecipientException(String message) {
        super(message);
    }

    public NotARecipientException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("trust.crypto.no-recipient-key");
    }
}
