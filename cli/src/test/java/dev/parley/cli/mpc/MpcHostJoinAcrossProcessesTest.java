package dev.parley.cli.mpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.CliRun;
import dev.parley.cli.Json;
import dev.parley.didcomm.did.DidCoreResolver;
import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.group.GroupHost;
import dev.parley.mpc.group.GroupIdentity;
import dev.parley.mpc.group.GroupInvitation;
import dev.parley.mpc.group.GroupProtocol;
import dev.parley.mpc.group.GroupSettings;
import dev.parley.mpc.program.ProgramBinding;
import dev.parley.mpc.program.ProgramInputs;
import dev.parley.mpc.program.ProgramRegistry;
import dev.parley.mpc.program.ProgramResults;
import dev.parley.mpc.program.programs.SumProgram;
import dev.parley.nat.link.LinkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley mpc host} and two {@code parley mpc join} as real JVM processes ({@code java -cp <test classpath>
 * dev.parley.cli.Main}) through a mediator in this JVM on port 0; and the exit codes of bad links, another program
 * and an unreachable mediator, in-process.
 */
class MpcHostJoinAcrossProcessesTest {
    @TempDir
    Path dir;

    private Mediator mediator;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Process> processes = new CopyOnWriteArrayList<>();

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

    private record Running(Process process, Future<String> stdout, Path stderr) {
        String err() throws IOException {
            return Files.readString(stderr);
        }

        String finish() throws Exception {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "did not finish: " + err());
            assertEquals(0, process.exitValue(), err());
            return stdout.get(10, TimeUnit.SECONDS);
        }
    }

    private Running launch(String... args) throws IOException {
        return launch(dir.resolve("home"), args);
    }

    private Running launch(Path home, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-cp", classpath, "dev.parley.cli.Main"));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
        pb.environment().put("PARLEY_HOME", home.toString());
        pb.environment().put("PARLEY_PASSPHRASE", "correct horse battery staple");
        pb.environment().remove("PARLEY_MEDIATOR");
        Process p = pb.start();
        processes.add(p);
        p.getOutputStream().close();
        Future<String> out = threads.submit(() -> {
            try (InputStream o = p.getInputStream()) {
                return new String(o.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        return new Running(p, out, stderr);
    }

    @Test
    void hostAndTwoJoinersComputeASumAsThreeProcesses() throws Exception {
        Path linkFile = dir.resolve("link.txt");
        Running host = launch("mpc", "host", "--program", "sum", "--parties", "3", "--input", "5", "--ephemeral",
                "--mediator", mediator.invitationUrl(), "--hosts", "loopback", "--json", "--link-file",
                linkFile.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(linkFile)) {
            assertTrue(host.process().isAlive(), "host ended early: " + host.err());
            assertTrue(System.nanoTime() < deadline, "no link within 60 s: " + host.err());
            TimeUnit.MILLISECONDS.sleep(50);
        }
        String link = Files.readString(linkFile).strip();
        assertTrue(link.startsWith(mediator.httpUrl().resolve("/s/").toString()), "a short link: " + link);
        Path bob = dir.resolve("bob");
        CliRun.Result created = new CliRun(bob).run("id", "create", "bob", "--method", "peer");
        assertEquals(0, created.exitCode(), created.err());
        Running plain = launch(bob, "mpc", "join", link, "--input", "7", "--hosts", "loopback");
        Running json = launch("mpc", "join", link, "--input", "11", "--ephemeral", "--hosts", "loopback", "--json");
        assertEquals("result: sum 23, average 7.67 over 3 parties\n", plain.finish());
        JsonNode h = Json.mapper().readTree(host.finish());
        JsonNode j = Json.mapper().readTree(json.finish());
        for (JsonNode o : List.of(h, j)) {
            assertEquals(23, o.get("result").get("sum").asLong(), o.toString());
            assertEquals("sum", o.get("program").asText());
            assertEquals(3, o.get("parties").asInt());
            assertEquals(2, o.get("paths").size(), o.toString());
            o.get("paths").forEach(p -> assertTrue(p.asText().equals("direct") || p.asText().equals("relay"), o.toString()));
            for (String t : List.of("join", "mesh", "handshakes", "compute", "total")) {
                assertTrue(o.get("timings").get(t).asDouble() >= 0, t);
            }
            assertTrue(o.get("rounds").asLong() >= 1);
        }
        assertEquals(1, h.get("party").asInt());
        assertTrue(j.get("party").asInt() >= 2);
        assertTrue(host.err().contains("joined 3/3"), host.err());
        assertTrue(host.err().contains("full link (works without asking the mediator): https://parley.dev/g?_oob="),
                host.err());
        assertTrue(plain.err().lines().anyMatch(l -> l.startsWith("roster: 3 parties, program sum v1")), plain.err());
        assertTrue(plain.err().lines().anyMatch(l -> l.equals("sessions 2/2")), plain.err());
    }

    @Test
    void hostingRefusesAnUnknownProgramABadInputAndABadSizeWithExitOne() {
        CliRun run = new CliRun(dir.resolve("home"));
        CliRun.Result unknown = run.run("mpc", "host", "--program", "auction", "--parties", "3", "--ephemeral");
        assertEquals(1, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("unknown program \"auction\""), unknown.err());
        CliRun.Result input = run.run("mpc", "host", "--program", "sum", "--parties", "3", "--input", "ten",
                "--ephemeral");
        assertEquals(1, input.exitCode(), input.err());
        assertTrue(input.err().contains("takes an integer input, got \"ten\""), input.err());
        CliRun.Result size = run.run("mpc", "host", "--program", "vote", "--parties", "4", "--threshold", "2",
                "--input", "yes", "--ephemeral");
        assertEquals(1, size.exitCode(), size.err());
        assertTrue(size.err().contains("t < n/2"), size.err());
        CliRun.Result patience = run.run("mpc", "host", "--program", "vote", "--parties", "3", "--input", "yes",
                "--ephemeral", "--round-timeout", "0");
        assertEquals(1, patience.exitCode(), patience.err());
        assertEquals("parley: --round-timeout must be 1 to 3600 seconds, got 0", patience.err().strip());
    }

    @Test
    void joiningWithABadLinkExitsOne() {
        CliRun.Result r = new CliRun(dir.resolve("home")).run("mpc", "join", "https://parley.dev/g?_oob=garbage",
                "--ephemeral");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("parley: not a Parley group link"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void joiningAnotherProgramVersionIsRefusedWithExitOne() throws Exception {
        var resolver = DidCoreResolver.withInstalledMethods();
        GroupIdentity me = GroupIdentity.ephemeral(resolver, new SecureRandom(), Clock.systemUTC());
        SecureIntType wide = SecureIntType.int64();
        ProgramBinding.PreparedRun run = new ProgramBinding<>(new SumProgram(wide), ProgramInputs.integer("sum", wide),
                ProgramResults.sum()).prepare(Optional.of("1"));
        GroupSettings settings = GroupSettings.defaults(LinkConfig.of(List.of(), Optional.empty()));
        GroupInvitation invitation = GroupInvitation.create(me.did(), run.descriptor(), 3, 1,
                mediator.invitationUrl(), settings, Clock.systemUTC(), new SecureRandom());
        try (MediatorMailbox mailbox = MediatorMailbox.open(mediator.invitationUrl(), me.didcomm(), me.resolver(),
                GroupProtocol.mailboxSettings(w -> { }))) {
            GroupHost host = new GroupHost(me, mailbox, invitation, run, settings, l -> { }, Clock.systemUTC(),
                    new SecureRandom());
            Future<?> hosting = threads.submit(host::run);
            CliRun.Result r = new CliRun(dir.resolve("home")).run("mpc", "join",
                    invitation.toLink(MpcHostCommand.LINK_BASE), "--input", "2", "--ephemeral", "--hosts", "loopback");
            hosting.cancel(true);
            assertEquals(1, r.exitCode(), r.err());
            String error = r.err().lines().filter(l -> l.startsWith("parley: ")).findFirst().orElse(r.err());
            assertTrue(error.contains(run.descriptor().fingerprint().hex()), error);
            String ours = ProgramRegistry.standard(Clock.systemUTC()).find("sum").orElseThrow().program()
                    .descriptor().fingerprint().hex();
            assertTrue(error.contains(ours), error);
        }
    }

    @Test
    void anUnreachableMediatorExitsTwo() throws Exception {
        GroupSettings settings = GroupSettings.defaults(LinkConfig.of(List.of(), Optional.empty()));
        var sum = ProgramRegistry.standard(Clock.systemUTC()).find("sum").orElseThrow().program().descriptor();
        GroupInvitation invitation = GroupInvitation.create(
                "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", sum, 3, 1, "http://127.0.0.1:1",
                settings, Clock.systemUTC(), new SecureRandom());
        CliRun.Result r = new CliRun(dir.resolve("home")).run("mpc", "join",
                invitation.toLink(MpcHostCommand.LINK_BASE), "--input", "2", "--ephemeral");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("parley: mediator unreachable"), r.err());
    }
}
