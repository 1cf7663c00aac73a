package dev.parley.cli;

/** Process exit codes of every {@code parley} command; scripts rely on them. */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0),
    /** Bad input or usage: the user can fix the command line or the input file. */
    BAD_INPUT(1),
    /** The environment is wrong: no JDK, an unreadable keystore, a missing passphrase, a full disk. */
    ENVIRONMENT(2),
    /** A bug in Parley: the message says so and {@code --verbose} shows the stack trace. */
    INTERNAL(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
