package dev.parley.didcomm.mediator;

/**
 * The mediator answered with a problem-report: the request itself is wrong or not allowed, and sending it
 * again unchanged will fail again.
 */
public final class MediatorRefusedException extends MediatorClientException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int httpStatus;

    public MediatorRefusedException(String code, String comment, int httpStatus) {
        super("the mediator refused the request (" + code + "): " + comment);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The problem code, e.g. {@code e.p.trust.not-mediated}. */
    public String code() {
        return code;
    }

    /** The HTTP status it came with, or 0 over WebSocket. */
    public int httpStatus() {
        return httpStatus;
    }
}
