package dev.parley.nat.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.nat.link.LinkConfig;
import dev.parley.nat.relay.RelaySecret;
import dev.parley.nat.relay.RelayTokenIssuer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NAT lab end to end: for each topology, {@code infra/natlab/lab.sh} builds namespaces,
 * a STUN+relay server runs in {@code pl-srv}, two {@link LabPeer} JVMs run behind their NATs,
 * form a link through the lab's server and move 10 MB each way with checksums. Needs root; in CI
 * (CI=true) a missing prerequisite fails the suite instead of skipping it.
 */
@Tag("natlab")
class NatLabTest {
    private static final int BYTES = 10 * 1024 * 1024;
    private static final int COLD_BYTES = 64 * 1024;
    private static final int FALLBACK_BYTES = 1024 * 1024;
    private static final Path LAB = Path.of("..", "infra", "natlab", "lab.sh").toAbsolutePath().normalize();
    private static final Path OUT = Path.of("target", "natlab");
    private static final Path RESULTS = OUT.resolve("results.tsv");
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final String CLASSPATH = System.getProperty("java.class.path");
    private static final SecureRandom RANDOM = new SecureRandom();

    enum Expect { DIRECT, RELAY }

    static Stream<Arguments> topologies() {
        return Stream.of(
                Arguments.of("open", Expect.DIRECT, 0, 0),
                Arguments.of("cone-cone", Expect.DIRECT, 0, 0),
                Arguments.of("fullcone-symmetric", Expect.DIRECT, 0, 0),
                Arguments.of("hairpin", Expect.DIRECT, 0, 0),
                Arguments.of("cgnat", Expect.DIRECT, 0, 0),
                Arguments.of("cone-symmetric", Expect.RELAY, 0, 0),
                Arguments.of("symmetric-symmetric", Expect.RELAY, 0, 0),
                Arguments.of("udp-blocked", Expect.RELAY, 0, 0),
                Arguments.of("cone-cone", Expect.DIRECT, 150, 5));
    }

    @BeforeAll
    static void requireRootAndLab() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String problem = null;
        if (!"0".equals(run("id", "-u").trim())) {
            problem = "the NAT lab needs root for network namespaces and iptables";
        } else if (!Files.isExecutable(LAB)) {
            problem = "lab script missing or not executable: " + LAB;
        }
        if (problem != null) {
            if (ci) {
                fail(problem + " (CI=true: the lab must run in CI)");
            }
            Assumptions.abort(problem + "; skipped locally");
        }
        Files.createDirectories(OUT);
        Files.writeString(RESULTS, "topology\timpairment\tstart\tpath_a\tpath_b\tlink_ms\tfirst_datagram_ms\tdirect_ms"
                + "\ta_gathered_ms\tb_gathered_ms\tb_link_ms\ttotal_s\n");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if ("0".equals(run("id", "-u").trim()) && Files.isExecutable(LAB)) {
            run(LAB.toString(), "down");
        }
    }

    @ParameterizedTest(name = "{0} delay={2}ms loss={3}%")
    @MethodSource("topologies")
    void peersFormALinkAndMoveTenMegabytesBothWays(String topology, Expect expect, int delayMs, int lossPercent)
            throws Exception {
        Run run = link(topology, delayMs, lossPercent, Start.WARM, BYTES, false);
        assertExpectedPath(topology, expect, run);
    }

    static Stream<Arguments> unimpaired() {
        return topologies().filter(a -> (int) a.get()[2] == 0);
    }

    /** The same links from peers that did not prewarm: the figures of a fresh process's first link. */
    @ParameterizedTest(name = "{0} cold")
    @MethodSource("unimpaired")
    void coldPeersFormALink(String topology, Expect expect, int delayMs, int lossPercent) throws Exception {
        Run run = link(topology, delayMs, lossPercent, Start.COLD, COLD_BYTES, false);
        assertExpectedPath(topology, expect, run);
    }

    /**
     * Cone to cone on a direct pair, then the router in front of A starts dropping all UDP: both
     * peers must notice the dead pair (consent freshness, 2 s here), move to the relay, and finish
     * the transfer there.
     */
    @org.junit.jupiter.api.Test
    void directPathFallsBackToTheRelayWhenUdpIsBlocked() throws Exception {
        Run run = link("cone-cone", 0, 0, Start.WARM, FALLBACK_BYTES, true);
        assertEquals("RELAY", run.pathA(), "A should have fallen back to the relay");
        assertEquals("RELAY", run.pathB(), "B should have fallen back to the relay");
        assertTrue(run.a().lines.stream().anyMatch(l -> l.startsWith("DIRECT SRFLX")), "A was direct first: "
                + run.a().lines);
        assertTrue(run.a().lines.stream().anyMatch(l -> l.startsWith("PATH RELAY")), "A announced the fallback: "
                + run.a().lines);
        assertTrue(run.b().lines.stream().anyMatch(l -> l.startsWith("PATH RELAY")), "B announced the fallback: "
                + run.b().lines);
    }

    private static void assertExpectedPath(String topology, Expect expect, Run run) {
        if (expect == Expect.DIRECT) {
            assertNotEquals("RELAY", run.pathA(), topology + ": A should have moved to a direct pair");
            assertNotEquals("RELAY", run.pathB(), topology + ": B should have moved to a direct pair");
        } else {
            assertEquals("RELAY", run.pathA(), topology + ": no direct pair should exist");
            assertEquals("RELAY", run.pathB(), topology + ": no direct pair should exist");
        }
    }

    enum Start { WARM, COLD }

    record Run(Peer a, Peer b, String pathA, String pathB) {
    }

    /**
     * Builds the topology, starts the server and both peers, exchanges blobs, moves {@code bytes}
     * each way, checks both digests and appends a row to the results. With {@code blockUdp}, waits
     * for both peers to be direct, blocks UDP at A's router, then lets the transfer start.
     */
    private static Run link(String topology, int delayMs, int lossPercent, Start start, int bytes, boolean blockUdp)
            throws Exception {
        long started = System.nanoTime();
        run(LAB.toString(), "up", topology, "--delay", Integer.toString(delayMs), "--loss", Integer.toString(lossPercent));
        String tag = topology + (delayMs > 0 ? "-impaired" : "") + (start == Start.COLD ? "-cold" : "")
                + (blockUdp ? "-fallback" : "");
        byte[] secretBytes = new byte[RelaySecret.LENGTH];
        RANDOM.nextBytes(secretBytes);
        RelaySecret secret = new RelaySecret(secretBytes);
        Path secretFile = OUT.resolve("relay-secret");
        Files.writeString(secretFile, Base64.getEncoder().encodeToString(secretBytes));
        var alloc = new RelayTokenIssuer(secret, Clock.systemUTC(), RANDOM).allocate("peer-a", "peer-b",
                Duration.ofMinutes(10));
        List<Peer> processes = new ArrayList<>();
        try {
            Peer server = Peer.start("pl-srv", OUT.resolve(tag + "-server.err"), "dev.parley.nat.server.NatServerMain",
                    "--bind", "203.0.113.10", "--secret-file", secretFile.toAbsolutePath().toString(),
                    "--relay-rate", "100000000");
            processes.add(server);
            String ready = server.expect("READY", Duration.ofSeconds(30));
            String stunAddr = ready.split(" ")[1].substring("stun=".length()).split(",")[0];
            String relayUri = ready.split(" ")[2].substring("relay=".length());
            List<String> common = List.of("--stun", stunAddr, "--relay", relayUri, "--bytes", Integer.toString(bytes),
                    "--seed", "1", "--warm", Boolean.toString(start == Start.WARM), "--hold", Boolean.toString(blockUdp),
                    "--consent-ms", blockUdp ? "2000" : Long.toString(LinkConfig.DEFAULT_CONSENT_TIMEOUT.toMillis()));
            Peer a = Peer.start("pl-a", OUT.resolve(tag + "-a.err"), LabPeer.class.getName(),
                    args("offer", "--token", alloc.first().toBase64(), common));
            processes.add(a);
            Peer b = Peer.start("pl-b", OUT.resolve(tag + "-b.err"), LabPeer.class.getName(),
                    args("answer", "--token", alloc.second().toBase64(), common));
            processes.add(b);
            String blobA = a.expect("BLOB", Duration.ofSeconds(30)).substring(5);
            b.tell("REMOTE " + blobA);
            String blobB = b.expect("BLOB", Duration.ofSeconds(30)).substring(5);
            a.tell("REMOTE " + blobB);
            if (blockUdp) {
                a.expect("DIRECT", Duration.ofSeconds(30));
                b.expect("DIRECT", Duration.ofSeconds(30));
                run(LAB.toString(), "block-udp", "pl-ra");
                a.tell("GO");
                b.tell("GO");
            }
            String doneA = a.expect("DONE", Duration.ofSeconds(150));
            String doneB = b.expect("DONE", Duration.ofSeconds(150));
            Map<String, String> resA = fields(doneA);
            Map<String, String> resB = fields(doneB);
            assertEquals(resA.get("sent"), resB.get("received"), "B received exactly what A sent");
            assertEquals(resB.get("sent"), resA.get("received"), "A received exactly what B sent");
            assertNotEquals(resA.get("sent"), resB.get("sent"), "the two directions carry different data");
            long linkMs = a.number("LINK", 2);
            long firstMs = a.number("FIRST", 1);
            long directMs = a.lines.stream().anyMatch(l -> l.startsWith("LINK ") && !l.contains("RELAY"))
                    ? linkMs : a.lines.stream().filter(l -> l.startsWith("PATH ") && !l.contains("RELAY"))
                    .mapToLong(l -> Long.parseLong(l.split(" ")[2])).findFirst().orElse(-1);
            Files.writeString(RESULTS, String.join("\t", topology, delayMs + "ms/" + lossPercent + "%",
                    start.name().toLowerCase() + (blockUdp ? "+udp-blocked-after-direct" : ""),
                    resA.get("path"), resB.get("path"), Long.toString(linkMs), Long.toString(firstMs),
                    Long.toString(directMs), Long.toString(a.number("GATHERED", 1)),
                    Long.toString(b.number("GATHERED", 1)), Long.toString(b.number("LINK", 2)),
                    String.format("%.1f", (System.nanoTime() - started) / 1e9)) + "\n", StandardOpenOption.APPEND);
            assertTrue(firstMs >= 0);
            return new Run(a, b, resA.get("path"), resB.get("path"));
        } finally {
            for (Peer p : processes) {
                p.stop();
            }
            run(LAB.toString(), "down");
        }
    }

    private static String[] args(String role, String tokenFlag, String token, List<String> common) {
        List<String> all = new ArrayList<>(List.of(role, tokenFlag, token));
        all.addAll(common);
        return all.toArray(String[]::new);
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> m = new HashMap<>();
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return m;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** A JVM in a namespace, its stdout lines collected, its stderr kept in a file for diagnosis. */
    static final class Peer {
        final Process process;
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final Path err;

        private Peer(Process process, Path err) {
            this.process = process;
            this.err = err;
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                        queue.add(line);
                    }
                } catch (IOException e) {
                    queue.add("EOF " + e.getMessage());
                }
            });
        }

        static Peer start(String namespace, Path err, String mainClass, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, JAVA, "-Xmx256m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", CLASSPATH, mainClass));
            cmd.addAll(List.of(args));
            return new Peer(new ProcessBuilder(cmd).redirectError(err.toFile()).start(), err);
        }

        String expect(String prefix, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no '" + prefix + "' within " + timeout.toSeconds() + " s; lines so far "
                            + lines + "; stderr tail: " + tail(err));
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        long number(String prefix, int index) {
            return lines.stream().filter(l -> l.startsWith(prefix + " ")).findFirst()
                    .map(l -> Long.parseLong(l.split(" ")[index])).orElse(-1L);
        }

        void tell(String line) throws IOException {
            OutputStream o = process.getOutputStream();
            o.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            o.flush();
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        private static String tail(Path file) {
            try {
                List<String> all = Files.readAllLines(file);
                return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
            } catch (IOException e) {
                return "(no stderr: " + e.getMessage() + ")";
            }
        }
    }
}
