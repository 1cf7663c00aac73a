package dev.parley.cli;

import java.util.Arrays;
import picocli.CommandLine;

/** Entry point of the {@code parley} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int code = run(CliContext.system(), args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs one command line against the given context and returns its exit code; never throws.
     * Tests call this directly with a temporary PARLEY_HOME.
     */
    public static int run(CliContext context, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        ErrorReporter reporter = new ErrorReporter(verbose);
        try {
            CommandLine commandLine = new CommandLine(ParleyCommand.class, new ContextFactory(context))
                    .setOut(context.out())
                    .setErr(context.err())
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setExecutionExceptionHandler(reporter)
                    .setParameterExceptionHandler(reporter);
            CommandLine completion = commandLine.getSubcommands().get("generate-completion");
            if (completion != null) {
                completion.getCommandSpec().usageMessage().hidden(false);
            }
            return commandLine.execute(args);
        } finally {
            context.out().flush();
            context.err().flush();
        }
    }
}
