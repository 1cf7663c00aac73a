package dev.parley.didcomm.envelope;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** A public key in an envelope or DID document is unusable: not on its curve, small-order, or of the wrong type. */
public final class InvalidPublicKeyException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public InvalidPublicKeyException(String message) {
        super(message);
    }

    public InvalidPublicKeyException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("trust.crypto.invalid-key");
    }
}
