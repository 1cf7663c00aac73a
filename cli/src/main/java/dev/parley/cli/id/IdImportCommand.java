package dev.parley.cli.id;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.KeystoreAccess;
import dev.parley.did.crypto.Jwk;
import dev.parley.did.keystore.Identities;
import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.Passphrase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley id import NAME --jwk FILE}: a did:key identity for an existing private key. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a private key (a JWK file: Ed25519, X25519 or P-256) as a did:key identity.")
final class IdImportCommand implements Callable<Integer> {

    /** A JWK is a few hundred bytes; anything far larger is not one. */
    private static final long MAX_JWK_FILE_BYTES = 64 * 1024;

    private final CliContext context;

    @Parameters(paramLabel = "NAME")
    private String name;

    @Option(names = "--jwk", paramLabel = "FILE", required = true, description = "File holding one private JWK.")
    private Path jwkFile;

    IdImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        String text = readJwkFile();
        Jwk jwk = Jwk.parse(text);
        if (!jwk.isPrivate()) {
            throw CliException.badInput(jwkFile + " holds a public JWK (no \"d\"); import needs the private key");
        }
        Identity identity = Identities.fromPrivateJwk(name, jwk, Clock.systemUTC());
        KeystoreAccess access = new KeystoreAccess(context);
        try (Passphrase passphrase = access.passphrase("the imported identity \"" + name + "\"", true)) {
            access.keystore().create(identity, passphrase);
        }
        context.out().println(identity.did());
        return 0;
    }

    private String readJwkFile() throws CliException {
        try {
            if (Files.size(jwkFile) > MAX_JWK_FILE_BYTES) {
                throw CliException.badInput(jwkFile + " is larger than " + MAX_JWK_FILE_BYTES + " bytes; it is not a JWK");
            }
            return Files.readString(jwkFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.badInput("no such file: " + jwkFile);
        } catch (IOException e) {
            throw CliException.environment("cannot read " + jwkFile + ": " + e.getMessage(), e);
        }
    }
}
