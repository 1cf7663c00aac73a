package dev.parley.cli;

/**
 * An error a command reports to the user as one line. The message names the problem and, where there is
 * one, the fix; the exit code says whose problem it is.
 */
public final class CliException extends Exception {
    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CliException badInput(String message) {
        return new CliException(ExitCode.BAD_INPUT, message);
    }

    public static CliException badInput(String message, Throwable cause) {
        return new CliException(ExitCode.BAD_INPUT, message, cause);
    }

    public static CliException environment(String message) {
        return new CliException(ExitCode.ENVIRONMENT, message);
    }

    public static CliException environment(String message, Throwable cause) {
        return new CliException(ExitCode.ENVIRONMENT, message, cause);
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
