package dev.parley.didcomm.mediator;

/**
 * The mediator did not answer usefully within the retry policy (connection refused or dropped, timeouts,
 * 5xx, 429, malformed answers). Retrying later may help.
 */
public final class MediatorUnavailableException extends MediatorClientException {
    private static final long serialVersionUID = 1L;

    public MediatorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
