package dev.parley.mpc;

/** Parties are about to run different programs (or the same program with different parameters). */
public final class ProgramMismatchException extends MpcException {
    public ProgramMismatchException(String message) {
        super(message);
    }
}
