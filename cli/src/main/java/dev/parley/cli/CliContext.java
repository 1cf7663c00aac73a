package dev.parley.cli;

import dev.parley.did.keystore.KdfParameters;
import java.io.InputStream;
import java.io.OutputStream;
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
 * @param out         standard output as text: results only, so output can be piped
 * @param stdout      the same standard output as raw bytes, for commands that pipe binary data
 * @param err         standard error: progress, warnings and errors
 * @param passphrases where passphrases come from when PARLEY_PASSPHRASE is not set
 * @param keystoreKdf Argon2id cost for new identities: the default outside tests
 */
public record CliContext(
        Map<String, String> env,
        Path userHome,
        InputStream in,
        PrintWriter out,
        OutputStream stdout,
        PrintWriter err,
        PassphrasePrompt passphrases,
        KdfParameters keystoreKdf) {

    public CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(passphrases, "passphrases");
        Objects.requireNonNull(keystoreKdf, "keystoreKdf");
    }

    /**
     * A context whose raw standard output is its text writer, one ISO-8859-1 character per byte: for
     * in-process callers that only have a writer.
     */
    public CliContext(Map<String, String> env, Path userHome, InputStream in, PrintWriter out, PrintWriter err,
            PassphrasePrompt passphrases, KdfParameters keystoreKdf) {
        this(env, userHome, in, out, bytesOnto(out), err, passphrases, keystoreKdf);
    }

    /** The context of a real process: its environment, its streams and its console. */
    public static CliContext system() {
        return new CliContext(
                System.getenv(),
                Path.of(System.getProperty("user.home")),
                System.in,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                System.out,
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
        return new CliContext(newEnv, userHome, in, out, stdout, err, passphrases, keystoreKdf);
    }

    private static OutputStream bytesOnto(PrintWriter out) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                out.write(b & 0xff);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(new String(b, off, len, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
    }
}
