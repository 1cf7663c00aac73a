package dev.parley.mpc.program;

/**
 * Turns what a party learned into text and JSON. Stateless and thread-safe.
 *
 * @param <R> the program's result type
 */
@FunctionalInterface
public interface ResultFormatter<R> {
    FormattedResult format(R result);
}
