package dev.parley.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One demo party: {@code parley mpc host|join ... --json} in its own JVM (same Java, same class path), with its
 * stderr lines passed on as they come and its stdout kept for the JSON result. Owns the process: {@link #close()}
 * kills it if it still runs.
 */
final class PartyProcess implements AutoCloseable {
    /** stdout is one JSON object; anything past this is not what the command promises. */
    private static final int MAX_STDOUT = 64 * 1024;
    private static final int TAIL_LINES = 8;

    private final int party;
    private final Process process;
    private final CompletableFuture<String> stdout;
    private final ConcurrentLinkedDeque<String> tail = new ConcurrentLinkedDeque<>();

    private PartyProcess(int party, Process process, Consumer<String> progress) {
        this.party = party;
        this.process = process;
        this.stdout = CompletableFuture.supplyAsync(() -> readBounded(process.getInputStream()),
                r -> Thread.ofPlatform().daemon().name("demo-party-" + party + "-out").start(r));
        Thread.ofPlatform().daemon().name("demo-party-" + party + "-err").start(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.pollFirst();
                    }
                    progress.accept(line);
                }
            } catch (IOException e) {
                // The process ended or was killed; what was read is in the tail.
            }
        });
    }

    /**
     * Starts {@code parley <args>} as party {@code party} with {@code home} as its PARLEY_HOME.
     *
     * @param progress told each stderr line of the party as it is written
     */
    static PartyProcess start(int party, Path home, List<String> args, Consumer<String> progress)
            throws IOException {
        List<String> command = new ArrayList<>(javaCommand());
        command.add("dev.parley.cli.Main");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("PARLEY_HOME", home.toString());
        env.remove("PARLEY_PASSPHRASE");
        env.remove("PARLEY_MEDIATOR");
        return new PartyProcess(party, pb.start(), progress);
    }

    /**
     * This JVM's java, class path and the launcher's class-data-sharing archive (read only: the children map it,
     * they never rewrite it), so a party starts as fast as {@code ./parley} does.
     */
    private static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:SharedArchiveFile=") || arg.startsWith("--enable-native-access=")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Xlog:cds=off");
        cmd.add("-Xlog:cds+dynamic=off");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        return cmd;
    }

    int party() {
        return party;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for the party to finish and returns its JSON result.
     *
     * @throws DemoFailure when it fails, prints no JSON, or is not done within {@code timeout}
     */
    JsonNode await(Duration timeout) throws DemoFailure, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new DemoFailure("party " + party + " did not finish within " + timeout.toSeconds() + " s"
                    + lastWords());
        }
        String out;
        try {
            out = stdout.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new DemoFailure("party " + party + ": its output could not be read (" + e.getMessage() + ")");
        }
        if (process.exitValue() != 0) {
            throw new DemoFailure("party " + party + " failed (exit " + process.exitValue() + ")" + lastWords());
        }
        try {
            JsonNode json = new ObjectMapper().readTree(out);
            if (json == null || !json.has("result")) {
                throw new DemoFailure("party " + party + " printed no result: " + abbreviate(out));
            }
            return json;
        } catch (IOException e) {
            throw new DemoFailure("party " + party + " printed something other than one JSON object: "
                    + abbreviate(out));
        }
    }

    private String lastWords() {
        List<String> lines = List.copyOf(tail);
        return lines.isEmpty() ? "" : "; its last words: " + String.join(" / ", lines);
    }

    private static String abbreviate(String s) {
        String one = s.strip().replace('\n', ' ');
        return one.length() <= 200 ? one : one.substring(0, 200) + "...";
    }

    private static String readBounded(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_STDOUT);
            in.transferTo(java.io.OutputStream.nullOutputStream()); // what is past the bound, so it never blocks
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** A party did not do its part; the message names which and why. */
    static final class DemoFailure extends Exception {
        DemoFailure(String message) {
            super(message);
        }
    }
}
