package dev.parley.didcomm.envelope;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** A key is not in the verification relationship its use requires (`authentication` for signing, `keyAgreement` for encryption). */
public final class KeyNotAuthorizedException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public KeyNotAuthorizedException(String message) {
        super(message);
    }

    public KeyNotAuthorizedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("trust.key-not-authorized");
    }
}
