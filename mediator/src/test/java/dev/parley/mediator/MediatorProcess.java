package dev.parley.mediator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A mediator in its own JVM (the runnable main on the test class path), for crash tests. Reads the lines
 * it prints until {@code listening on URL}.
 */
public final class MediatorProcess implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private String did;
    private String url;

    private MediatorProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("stdout closed: " + e.getMessage());
            }
        });
    }

    /** Starts a mediator on {@code port} (0: any) with data in {@code data}; waits until it listens. */
    public static MediatorProcess start(Path data, int port, String... extraArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "dev.parley.mediator.cli.MediatorMain",
                "--port", Integer.toString(port), "--data", data.toString(), "--no-qr"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        MediatorProcess m = new MediatorProcess(p);
        m.awaitReady();
        return m;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the mediator process exited with " + process.exitValue());
                }
                continue;
            }
            if (line.startsWith("DID ")) {
                did = line.substring(4);
            } else if (line.startsWith("listening on ")) {
                url = line.substring("listening on ".length());
                return;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the mediator process did not print 'listening on' within 60 s");
    }

    public String did() {
        return did;
    }

    public String url() {
        return url;
    }

    public int port() {
        return java.net.URI.create(url).getPort();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private boolean awaitExit() {
        try {
            return process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within 30 s. */
    @Override
    public void close() {
        process.destroy();
        if (!awaitExit()) {
            kill();
        }
    }
}
