package dev.parley.mpc;

/** The transport itself failed (socket error, closed locally, oversized message) independently of any peer's behaviour. */
public final class TransportException extends MpcException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
