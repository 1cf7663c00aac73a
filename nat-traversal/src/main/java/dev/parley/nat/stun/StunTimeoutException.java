package dev.parley.nat.stun;

/** No answer arrived within the transaction's time budget: the server is down or UDP is blocked. */
public final class StunTimeoutException extends StunTransactionException {
    public StunTimeoutException(String message) {
        super(message);
    }
}
