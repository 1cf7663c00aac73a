package dev.parley.cli.id;

import dev.parley.cli.CliContext;
import dev.parley.cli.Json;
import dev.parley.cli.KeystoreAccess;
import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.IdentitySummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley id export NAME}: public JWKs, or with {@code --private} the private ones (with a warning). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Print an identity's keys as JWKs: public by default, private with --private.")
final class IdExportCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "NAME")
    private String name;

    @Option(names = "--private", description = "Include the private keys (asks for the passphrase).")
    private boolean includePrivate;

    IdExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        KeystoreAccess access = new KeystoreAccess(context);
        if (!includePrivate) {
            IdentitySummary s = access.keystore().summary(name);
            var node = Json.object();
            node.put("did", s.did().toString());
            var keys = node.putArray("keys");
            s.publicKeys().forEach(e -> keys.addObject().put("id", s.did() + e.id()).set("jwk", e.jwk().toJsonNode()));
            context.out().println(Json.pretty(node));
            return 0;
        }
        Identity identity = access.load(name);
        context.err().println("warning: the output contains PRIVATE keys of \"" + name
                + "\"; anyone who sees it can act as " + identity.did() + ". Store it encrypted and never paste it into a chat.");
        var node = Json.object();
        node.put("did", identity.did().toString());
        var keys = node.putArray("keys");
        for (Identity.PrivateJwkExport e : identity.exportPrivateJwks()) {
            keys.addObject().put("id", identity.did() + e.id()).set("jwk", e.jwk().toJsonNode());
        }
        context.out().println(Json.pretty(node));
        return 0;
    }
}
