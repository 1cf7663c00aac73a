package dev.parley.mpc;

/**
 * A secure computation could not continue. Every subclass names the party, the round and what to check,
 * so the message can be shown to a user as one line.
 */
public abstract sealed class MpcException extends Exception
        permits PartyUnreachableException, ProtocolViolationException, ProgramMismatchException, TransportException {

    protected MpcException(String message) {
        super(message);
    }

    protected MpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
