package dev.parley.cli.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cli.CliRun;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley listen} and {@code parley join} as two real JVM processes ({@code java -cp <test classpath>
 * dev.parley.cli.Main}) with binary stdin/stdout, against a mediator in this JVM on port 0.
 */
class ListenJoinAcrossProcessesTest {
    private static final String PASS = "correct horse battery staple";

    @TempDir
    Path dir;

    private Mediator mediator;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Process> processes = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        mediator = Mediator.start(MediatorConfig.local(0, dir.resolve("mediator")));
    }

    @AfterEach
    void stop() throws Exception {
        processes.forEach(Process::destroyForcibly);
        threads.shutdownNow();
        mediator.close();
    }

    private Path home(String name, String method) {
        Path home = dir.resolve(name);
        CliRun.Result r = new CliRun(home).run("id", "create", name, "--method", method);
        assertEquals(0, r.exitCode(), r.err());
        return home;
    }

    private record Running(Process process, Future<byte[]> stdout, Path stderr) {
        String err() throws IOException {
            return Files.readString(stderr);
        }
    }

    private Running launch(Path home, byte[] stdin, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                "dev.parley.cli.Main"));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
        pb.environment().put("PARLEY_HOME", home.toString());
        pb.environment().put("PARLEY_PASSPHRASE", PASS);
        pb.environment().put("PARLEY_MEDIATOR", mediator.invitationUrl());
        Process p = pb.start();
        processes.add(p);
        threads.submit(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            }
            return null;
        });
        Future<byte[]> out = threads.submit(() -> {
            try (InputStream o = p.getInputStream()) {
                return o.readAllBytes();
            }
        });
        return new Running(p, out, stderr);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void twoProcessesPipeBinaryDataBothWays() throws Exception {
        Path alice = home("alice", "peer");
        Path bob = home("bob", "key");
        byte[] fromAlice = random(256 * 1024, 11);
        byte[] fromBob = random(256 * 1024, 12);
        Path linkFile = dir.resolve("link.txt");
        Running listen = launch(alice, fromAlice, "listen", "--hosts", "loopback", "--link-file", linkFile.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(linkFile) && Files.size(linkFile) > 0)) {
            assertTrue(listen.process().isAlive(), "listen ended early: " + listen.err());
            assertTrue(System.nanoTime() < deadline, "no link within 60 s: " + listen.err());
            TimeUnit.MILLISECONDS.sleep(50);
        }
        Running join = launch(bob, fromBob, "join", Files.readString(linkFile).strip(), "--hosts", "loopback");
        assertTrue(join.process().waitFor(120, TimeUnit.SECONDS), "join did not finish: " + join.err());
        assertTrue(listen.process().waitFor(120, TimeUnit.SECONDS), "listen did not finish: " + listen.err());
        assertEquals(0, join.process().exitValue(), join.err());
        assertEquals(0, listen.process().exitValue(), listen.err());
        assertArrayEquals(sha256(fromAlice), sha256(join.stdout().get(10, TimeUnit.SECONDS)), "alice -> bob");
        assertArrayEquals(sha256(fromBob), sha256(listen.stdout().get(10, TimeUnit.SECONDS)), "bob -> alice");
        assertTrue(join.err().lines().anyMatch(l -> l.startsWith("path: direct")), join.err());
    }
}
