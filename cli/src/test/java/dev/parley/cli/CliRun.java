package dev.parley.cli;

import dev.parley.did.keystore.KdfParameters;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real entry point in-process against a temporary PARLEY_HOME and captures what it prints. */
public final class CliRun {

    public record Result(int exitCode, String out, String err) {
        public String outLine() {
            return out.strip();
        }
    }

    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";
    private PassphrasePrompt prompt = (p, confirm) -> {
        throw CliException.environment("no terminal to ask for the keystore passphrase; set PARLEY_PASSPHRASE");
    };

    public CliRun(Path home) {
        this.home = home;
        env.put("PARLEY_HOME", home.toString());
        env.put("PARLEY_PASSPHRASE", "correct horse battery staple");
    }

    public CliRun env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    public CliRun stdin(String text) {
        this.stdin = text;
        return this;
    }

    public CliRun prompt(PassphrasePrompt prompt) {
        this.prompt = prompt;
        return this;
    }

    Path home() {
        return home;
    }

    public Result run(String... args) {
        return run(new StringWriter(), new StringWriter(), args);
    }

    /** Runs with caller-owned writers, so a test can watch the output of a long-running command. */
    public Result run(StringWriter out, StringWriter err, String... args) {
        CliContext context = new CliContext(
                env,
                home.resolve("user-home"),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                prompt,
                // Tests keep the KDF cheap; the default cost is measured in the keystore's own tests.
                KdfParameters.TEST_ONLY_WEAK);
        int code = Main.run(context, args);
        return new Result(code, out.toString(), err.toString());
    }
}
