package dev.parley.didcomm.envelope;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** A message was decrypted with a key of a DID that is not listed in its `to` header. */
public final class RecipientMismatchException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public RecipientMismatchException(String message) {
        super(message);
    }

    public RecipientMismatchException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("trust.recipient-mismatch");
    }
}
