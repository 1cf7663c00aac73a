package dev.parley.didcomm.oob;

import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.problem.ProblemCode;

/** Pasted text holds no usable out-of-band invitation: no {@code _oob} link, bad encoding, or bad content. */
public final class InvalidInvitationException extends DidCommException {

    private static final long serialVersionUID = 1L;

    public InvalidInvitationException(String message) {
        super(message);
    }

    public InvalidInvitationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ProblemCode problemCode() {
        return ProblemCode.protocolError("msg.invalid-invitation");
    }
}
