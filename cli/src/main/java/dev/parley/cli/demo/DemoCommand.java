package dev.parley.cli.demo;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.KeystoreAccess;
import dev.parley.did.DidDocument;
import dev.parley.did.DidResolver;
import dev.parley.did.VerificationMethod;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.Signatures;
import dev.parley.did.keystore.Identities;
import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.Keystore;
import dev.parley.did.keystore.Passphrase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Creates two identities in a temporary PARLEY_HOME, shows their DIDs and documents, signs a message
 * with one and verifies it as the other would: from nothing but the signer's DID string.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show Parley end to end on this machine with throwaway identities.")
public final class DemoCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--keep", description = "Keep the temporary PARLEY_HOME and print its path.")
    private boolean keep;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = context.out();
        Path home = createTempHome();
        try {
            Map<String, String> env = new HashMap<>(context.env());
            env.put("PARLEY_HOME", home.toString());
            // A throwaway passphrase: these identities live only as long as the demo.
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            env.put("PARLEY_PASSPHRASE", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            CliContext demo = context.withEnv(env);
            KeystoreAccess access = new KeystoreAccess(demo);
            Keystore keystore = access.keystore();

            step(out, "1. Two people create identities locally (no registry, no account) in " + home);
            SecureRandom random = new SecureRandom();
            Identity alice = Identities.newDidKey("alice", KeyType.ED25519, random, Clock.systemUTC());
            Identity bob = Identities.newDidPeer2("bob", List.of(), random, Clock.systemUTC());
            try (Passphrase passphrase = access.passphrase("demo", false)) {
                keystore.create(alice, passphrase);
                keystore.create(bob, passphrase);
            }
            out.println("   alice  " + alice.did());
            out.println("   bob    " + bob.did());

            DidResolver resolver = DidResolver.withInstalledMethods(16);
            step(out, "2. Anyone can resolve a DID to its document, offline. Alice's:");
            DidDocument aliceDoc = resolver.resolve(alice.did());
            indent(out, aliceDoc.toPrettyJson());
            step(out, "   Bob's (did:peer:2: a signing key and a separate key-agreement key):");
            indent(out, resolver.resolve(bob.did()).toPrettyJson());

            step(out, "3. Alice signs a message with her private key (decrypted from the keystore).");
            byte[] message = "Meet at the usual place at noon.".getBytes(StandardCharsets.UTF_8);
            Identity loaded;
            try (Passphrase passphrase = access.passphrase("demo", false)) {
                loaded = keystore.load("alice", passphrase);
            }
            byte[] signature = Signatures.signer(loaded.keys().get(0).key()).sign(message);
            out.println("   message:   " + new String(message, StandardCharsets.UTF_8));
            out.println("   signature: " + Base64.getUrlEncoder().withoutPadding().encodeToString(signature));

            step(out, "4. Bob verifies it knowing only Alice's DID string.");
            DidDocument resolved = resolver.resolve(alice.did().toString());
            VerificationMethod method = resolved.authenticationMethods().get(0);
            boolean valid = Signatures.verifier(method.publicKey()).verify(message, signature);
            out.println("   key " + method.id() + ": signature " + (valid ? "VALID" : "INVALID"));
            byte[] forged = "Meet at the usual place at one.".getBytes(StandardCharsets.UTF_8);
            boolean forgedValid = Signatures.verifier(method.publicKey()).verify(forged, signature);
            out.println("   the same signature on an altered message: " + (forgedValid ? "VALID" : "rejected"));
            if (!valid || forgedValid) {
                throw new CliException(dev.parley.cli.ExitCode.INTERNAL, "the demo's signature check gave a wrong answer");
            }
            step(out, "Done. Next steps: 'parley id create NAME' makes your own identity in "
                    + context.parleyHome() + ".");
            return 0;
        } finally {
            if (keep) {
                context.err().println("kept the demo's PARLEY_HOME: " + home);
            } else {
                deleteTree(home);
            }
        }
    }

    private static void step(PrintWriter out, String text) {
        out.println();
        out.println(text);
    }

    private static void indent(PrintWriter out, String block) {
        block.lines().forEach(line -> out.println("   " + line));
    }

    private static Path createTempHome() throws CliException {
        try {
            return Files.createTempDirectory("parley-demo-");
        } catch (IOException e) {
            throw CliException.environment("cannot create a temporary directory for the demo: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws CliException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw CliException.environment("cannot remove the demo's temporary directory " + root + ": " + e.getMessage(), e);
        }
    }
}
