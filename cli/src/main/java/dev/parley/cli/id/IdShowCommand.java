package dev.parley.cli.id;

import dev.parley.cli.CliContext;
import dev.parley.cli.Json;
import dev.parley.cli.KeystoreAccess;
import dev.parley.did.DidResolver;
import dev.parley.did.keystore.IdentitySummary;
import dev.parley.did.keystore.PublicKeyEntry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley id show NAME}: the public side of one identity and its DID document. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show an identity's DID, public keys and DID document (no passphrase needed).")
final class IdShowCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "NAME")
    private String name;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    IdShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        IdentitySummary s = new KeystoreAccess(context).keystore().summary(name);
        var document = DidResolver.withInstalledMethods(1).resolve(s.did());
        if (json) {
            var node = IdJson.summary(s);
            node.set("didDocument", document.toJsonNode());
            context.out().println(Json.pretty(node));
            return 0;
        }
        var out = context.out();
        out.println("name:     " + s.name());
        out.println("did:      " + s.did());
        out.println("key type: " + s.keyType().name().toLowerCase(java.util.Locale.ROOT));
        out.println("created:  " + s.created());
        for (PublicKeyEntry e : s.publicKeys()) {
            out.println("key:      " + s.did() + e.id() + " " + e.jwk().toJson());
        }
        out.println("document:");
        out.println(document.toPrettyJson());
        return 0;
    }
}
