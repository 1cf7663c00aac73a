package dev.parley.cli;

import dev.parley.did.keystore.CorruptKeystoreException;
import dev.parley.did.keystore.KeystoreBusyException;
import dev.parley.did.keystore.KeystoreIoException;
import dev.parley.did.keystore.UnsupportedKeystoreVersionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns any failure into one line on stderr and an exit code. Stack traces appear only with
 * {@code --verbose}: a user must never see one by default.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    private final boolean verbose;

    ErrorReporter(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        ExitCode code = classify(ex);
        String message = code == ExitCode.INTERNAL
                ? "internal error (" + ex.getClass().getSimpleName() + "): " + describe(ex)
                        + (verbose ? "" : "; run again with --verbose and report the trace")
                : describe(ex);
        err.println("parley: " + message);
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("parley: " + ex.getMessage() + " (see 'parley help " + commandPath(cmd) + "')");
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.BAD_INPUT.code();
    }

    static ExitCode classify(Throwable ex) {
        if (ex instanceof CliException cli) {
            return cli.exitCode();
        }
        if (ex instanceof KeystoreIoException
                || ex instanceof KeystoreBusyException
                || ex instanceof CorruptKeystoreException
                || ex instanceof UnsupportedKeystoreVersionException) {
            return ExitCode.ENVIRONMENT;
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException || ex instanceof SecurityException) {
            return ExitCode.ENVIRONMENT;
        }
        if (ex instanceof IllegalArgumentException) {
            return ExitCode.BAD_INPUT;
        }
        // Parley's own checked exceptions describe bad input (a malformed DID, a tampered message...).
        if (!(ex instanceof RuntimeException) && ex.getClass().getName().startsWith("dev.parley.")) {
            return ExitCode.BAD_INPUT;
        }
        return ExitCode.INTERNAL;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        }
        // One line, always: messages quoting input must not break the line.
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static String commandPath(CommandLine cmd) {
        String qualified = cmd.getCommandSpec().qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? "" : qualified.substring(space + 1);
    }
}
