package dev.parley.cli.id;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.KeystoreAccess;
import dev.parley.did.keystore.IdentitySummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley id delete NAME}: removes an identity after confirmation. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete an identity and its private keys (asks first unless --yes).")
final class IdDeleteCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "NAME")
    private String name;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    private boolean yes;

    IdDeleteCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        var keystore = new KeystoreAccess(context).keystore();
        IdentitySummary s = keystore.summary(name);
        if (!yes && !confirmed(s)) {
            context.err().println("not deleted");
            return 1;
        }
        keystore.delete(name);
        context.err().println("deleted \"" + name + "\" (" + s.did() + ")");
        return 0;
    }

    private boolean confirmed(IdentitySummary s) throws CliException {
        context.err().print("Delete \"" + name + "\" (" + s.did() + ") and its private keys? This cannot be undone. [y/N] ");
        context.err().flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
            if (answer == null) {
                context.err().println();
                throw CliException.badInput("no answer on standard input; pass --yes to delete without asking");
            }
            String a = answer.strip().toLowerCase(Locale.ROOT);
            return a.equals("y") || a.equals("yes");
        } catch (IOException e) {
            throw CliException.environment("cannot read the answer from standard input: " + e.getMessage(), e);
        }
    }
}
