package dev.parley.didcomm.did;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** A DID could not be resolved or its document is unusable for DIDComm. */
public final class DidResolutionException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public DidResolutionException(String message) {
        super(message);
    }

    public DidResolutionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("did.unresolvable");
    }
}
