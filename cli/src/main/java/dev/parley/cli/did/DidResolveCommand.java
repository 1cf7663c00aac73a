package dev.parley.cli.did;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.did.Did;
import dev.parley.did.DidResolver;
import dev.parley.did.PublicKeyFormat;
import dev.parley.did.key.DidKeyMethod;
import dev.parley.did.peer.DidPeerMethod;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley did resolve DID}: prints the DID document as JSON. */
@Command(name = "resolve", mixinStandardHelpOptions = true, description = "Print the DID document of a DID as JSON.")
final class DidResolveCommand implements Callable<Integer> {

    enum Format { jwk, multikey }

    private final CliContext context;

    @Parameters(paramLabel = "DID", description = "A did:key or did:peer (numalgo 0 or 2).")
    private String did;

    @Option(names = "--format", paramLabel = "jwk|multikey",
            description = "Key representation for did:key: JsonWebKey2020 (jwk) or Multikey (default).")
    private Format format;

    DidResolveCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Did parsed = Did.parse(did.strip());
        if (format != null && !parsed.method().equals("key")) {
            throw CliException.badInput("--format applies to did:key only; a did:" + parsed.method()
                    + " document's key representation is fixed by its method");
        }
        PublicKeyFormat keyFormat = format == Format.jwk ? PublicKeyFormat.JSON_WEB_KEY_2020 : PublicKeyFormat.MULTIKEY;
        DidResolver resolver = new DidResolver(List.of(new DidKeyMethod(keyFormat), new DidPeerMethod()), 1);
        context.out().println(resolver.resolve(parsed).toPrettyJson());
        return 0;
    }
}
