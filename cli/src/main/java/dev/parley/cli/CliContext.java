package dev.parley.cli;

import dev.parley.did.keystore.KdfParameters;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch of the outside world: environment variables, the standard streams and the
 * passphrase prompt. Passed in so that tests run the real entry point against a temporary PARLEY_HOME.
 *
 * @param env         environment variables (PARLEY_HOME, PARLEY_PASSPHRASE, PARLEY_MEDIATOR ...)
 * @param userHome    the user's home directory, for the default {@code ~/.parley}
 * @param in          standard input
 * @param out         standard output: results only, so output can be piped
 * @param err         standard error: progress, warnings and errors
 * @param passphrases where passphrases come from when PARLEY_PASSPHRASE is not set
 * @param keystoreKdf Argon2id cost for new identities: the default outside tests
 */
public record CliContext(
        Map<String, String> env,
        Path userHome,
        InputStream in,
        PrintWriter out,
        PrintWriter err,
        PassphrasePrompt passphrases,
        KdfParameters keystoreKdf) {

    public CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(passphrases, "passphrases");
        Objects.requireNonNull(keystoreKdf, "keystoreKdf");
    }

    /** The context of a real process: its environment, its streams and its console. */
    public static CliContext system() {
        return new CliContext(
                System.getenv(),
                Path.of(System.getProperty("user.home")),
                System.in,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                PassphrasePrompt.console(),
                KdfParameters.DEFAULT);
    }

    /** The keystore directory: {@code PARLEY_HOME} when set, else {@code ~/.parley}. */
    public Path parleyHome() {
        String home = env.get("PARLEY_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return userHome.resolve(".parley");
    }

    /** A copy that differs only in its environment; the demo uses it to give each party its own home. */
    public CliContext withEnv(Map<String, String> newEnv) {
        return new CliContext(newEnv, userHome, in, out, err, passphrases, keystoreKdf);
    }
}
