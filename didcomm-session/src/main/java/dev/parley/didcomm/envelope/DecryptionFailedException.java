package dev.parley.didcomm.envelope;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** A JWE failed to decrypt: the key unwrap or the content authentication tag did not verify (tampering or wrong key). */
public final class DecryptionFailedException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public DecryptionFailedException(String message) {
        super(message);
    }

    public DecryptionFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("trust.crypto.decrypt");
    }
}
