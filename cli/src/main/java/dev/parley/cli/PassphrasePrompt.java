package dev.parley.cli;

import java.io.Console;

/** Asks the user for a passphrase without echo. Tests supply their own. */
@FunctionalInterface
public interface PassphrasePrompt {

    /**
     * @param prompt  what to show, e.g. "Passphrase for keystore: "
     * @param confirm ask twice and insist both match (used when creating)
     * @return the passphrase; the caller clears the array after use
     * @throws CliException when there is no terminal to ask on
     */
    char[] ask(String prompt, boolean confirm) throws CliException;

    /** The process console; fails with an environment error when there is none (a pipe or CI). */
    static PassphrasePrompt console() {
        return (prompt, confirm) -> {
            Console console = System.console();
            if (console == null) {
                throw CliException.environment(
                        "no terminal to ask for the keystore passphrase; set PARLEY_PASSPHRASE");
            }
            char[] first = console.readPassword("%s", prompt);
            if (first == null) {
                throw CliException.environment("no passphrase entered (end of input)");
            }
            if (confirm) {
                char[] second = console.readPassword("Repeat passphrase: ");
                boolean same = second != null && java.util.Arrays.equals(first, second);
                if (second != null) {
                    java.util.Arrays.fill(second, '\0');
                }
                if (!same) {
                    java.util.Arrays.fill(first, '\0');
                    throw CliException.badInput("the two passphrases differ; try again");
                }
            }
            return first;
        };
    }
}
