package dev.parley.cli.id;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.KeystoreAccess;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.keystore.Identities;
import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.Passphrase;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley id create NAME}: a new identity, printed as its DID. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a new identity and print its DID.")
final class IdCreateCommand implements Callable<Integer> {

    enum Key { ed25519, p256 }

    enum Method { key, peer }

    private final CliContext context;

    @Parameters(paramLabel = "NAME", description = "Local name: lower-case letters, digits, '.', '_' or '-'.")
    private String name;

    @Option(names = "--key", paramLabel = "ed25519|p256", defaultValue = "ed25519",
            description = "Key type (default: ${DEFAULT-VALUE}).")
    private Key key;

    @Option(names = "--method", paramLabel = "key|peer", defaultValue = "key",
            description = "DID method: did:key, or did:peer:2 with separate signing and key-agreement keys"
                    + " (default: ${DEFAULT-VALUE}).")
    private Method method;

    IdCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (method == Method.peer && key != Key.ed25519) {
            throw CliException.badInput("did:peer:2 identities use an Ed25519 signing key and an X25519"
                    + " key-agreement key; drop --key " + key + " or use --method key");
        }
        Identity identity = method == Method.peer
                ? Identities.newDidPeer2(name, List.of(), new SecureRandom(), Clock.systemUTC())
                : Identities.newDidKey(name, key == Key.p256 ? KeyType.P256 : KeyType.ED25519,
                        new SecureRandom(), Clock.systemUTC());
        KeystoreAccess access = new KeystoreAccess(context);
        var keystore = access.keystore();
        if (keystore.list().stream().anyMatch(s -> s.name().equals(name))) {
            throw CliException.badInput("identity \"" + name + "\" already exists; delete it first or choose another name");
        }
        try (Passphrase passphrase = access.passphrase("the new identity \"" + name + "\"", true)) {
            keystore.create(identity, passphrase);
        }
        context.out().println(identity.did());
        return 0;
    }
}
