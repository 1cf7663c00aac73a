package dev.parley.cli.id;

import dev.parley.cli.CliContext;
import dev.parley.cli.Json;
import dev.parley.cli.KeystoreAccess;
import dev.parley.did.keystore.IdentitySummary;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley id list}: every identity's name and DID; needs no passphrase. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List identities (no passphrase needed).")
final class IdListCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--json", description = "Print a JSON array.")
    private boolean json;

    IdListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        List<IdentitySummary> identities = new KeystoreAccess(context).keystore().list();
        if (json) {
            var array = Json.mapper().createArrayNode();
            identities.forEach(s -> array.add(IdJson.summary(s)));
            context.out().println(Json.pretty(array));
            return 0;
        }
        if (identities.isEmpty()) {
            context.err().println("no identities in " + context.parleyHome() + "; create one with 'parley id create NAME'");
            return 0;
        }
        int width = identities.stream().mapToInt(s -> s.name().length()).max().orElse(4);
        for (IdentitySummary s : identities) {
            context.out().printf("%-" + width + "s  %-7s  %s%n", s.name(), s.keyType().name().toLowerCase(java.util.Locale.ROOT), s.did());
        }
        return 0;
    }
}
