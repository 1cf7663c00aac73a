package dev.parley.mpc.program;

import java.util.Optional;

/**
 * Reads the text a user gave as a party's private input ({@code --input VALUE}) into the program's input type, before
 * anything is sent. Implementations are stateless and thread-safe.
 *
 * @param <I> the program's input type
 */
@FunctionalInterface
public interface InputParser<I> {

    /** @param text the input as typed, or empty when none was given */
    I parse(Optional<String> text) throws InvalidInputException;
}
