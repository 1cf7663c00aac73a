package dev.parley.nat.stun;

/** A STUN transaction ended without a usable success response (error response or bad answer). */
public class StunTransactionException extends Exception {
    public StunTransactionException(String message) {
        super(message);
    }
}
