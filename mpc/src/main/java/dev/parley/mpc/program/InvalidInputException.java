package dev.parley.mpc.program;

/** A party's input text does not fit its program (not a number, out of range, missing, or given when none is taken). */
public final class InvalidInputException extends Exception {
    public InvalidInputException(String message) {
        super(message);
    }
}
