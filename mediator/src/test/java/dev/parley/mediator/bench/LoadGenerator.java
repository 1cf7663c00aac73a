package dev.parley.mediator.bench;

import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.limit.Limits;
import dev.parley.mediator.metrics.MediatorMetrics;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator for the mediator (run by the {@code bench} profile, never by the test suite). This JVM holds
 * the mediator (Jetty, a real SQLite file) and nothing else of weight; the senders ({@link SenderProcess}) and
 * the M live recipients ({@link RecipientProcess}) run in their own JVMs on the same classpath, so the heap and
 * CPU reported for the mediator are the mediator's. Each process's CPU time comes from {@code /proc}.
 *
 * <p>One run prints, side by side: live recipients as fast as the senders go, live recipients paced at half
 * that rate (or {@code --rate}), and intake only (recipients offline: decrypt, route, durable commit, 202).
 * With {@code --soak PT10M} it runs paced rounds of 30 s instead (at {@code --rate}, 1,000/s when not given)
 * and prints the mediator's heap after each.
 * Usage: {@code LoadGenerator [--senders 32] [--recipients 8] [--seconds 15] [--rate 0] [--budget 4000]
 * [--soak PT10M] [--child-heap -Xmx2g] [--transport http|ws] [--intake-only true]}; {@code --budget} is how many forwards per second
 * are packed for an unpaced phase (a phase that runs out ends early and says so); {@code --transport ws} has the
 * senders write each forward as one frame on a persistent WebSocket instead of one POST each, and then a
 * forward counts as accepted when the mediator committed it (its forwards-queued counter), since a WebSocket
 * forward has no answer. {@code --intake-only true} runs only the warm-up and the intake phase (to compare
 * mediator JVM flags or code changes quickly).
 */
public final class LoadGenerator {

    private static final long TICK_NANOS = 10_000_000L; // /proc times are in USER_HZ = 100 ticks per second

    private final int senders;
    private final int recipients;
    private final int seconds;
    private final int rate;
    private final int budget;
    private final Duration soak;
    private final String childHeap;
    private final Path work;
    private final boolean overWebSocket;
    private final boolean intakeOnly;
    private final List<String> rows = new ArrayList<>();

    private Mediator mediator;
    private Child senderProc;
    private Child recipientProc;

    private LoadGenerator(int senders, int recipients, int seconds, int rate, int budget, Duration soak,
            String childHeap, Path work, boolean overWebSocket, boolean intakeOnly) {
        this.overWebSocket = overWebSocket;
        this.intakeOnly = intakeOnly;
        this.senders = senders;
        this.recipients = recipients;
        this.seconds = seconds;
        this.rate = rate;
        this.budget = budget;
        this.soak = soak;
        this.childHeap = childHeap;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        int senders = 32;
        int recipients = 8;
        int seconds = 15;
        int rate = 0;
        int budget = 4000;
        Duration soak = null;
        String childHeap = "-Xmx2g";
        String transport = "http";
        boolean intakeOnly = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--senders" -> senders = Integer.parseInt(args[i + 1]);
                case "--recipients" -> recipients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--budget" -> budget = Integer.parseInt(args[i + 1]);
                case "--soak" -> soak = Duration.parse(args[i + 1]);
                case "--child-heap" -> childHeap = args[i + 1];
                case "--transport" -> transport = args[i + 1];
                case "--intake-only" -> intakeOnly = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; see the LoadGenerator Javadoc for the options");
            }
        }
        Path work = Files.createTempDirectory("parley-mediator-bench");
        if (!transport.equals("http") && !transport.equals("ws")) {
            throw new IllegalArgumentException("--transport must be http or ws, not " + transport);
        }
        try {
            new LoadGenerator(senders, recipients, seconds, rate, budget, soak, childHeap, work,
                    transport.equals("ws"), intakeOnly).run();
        } finally {
            deleteTree(work); // an intake run leaves up to a gigabyte of queued forwards
        }
        System.exit(0);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void run() throws Exception {
        Limits limits = Limits.DEFAULTS.withRate(1_000_000, 1_000_000).withQueue(1_000_000, 1L << 34)
                .withConnections(10_000, Duration.ofMinutes(30), Duration.ofMinutes(5));
        try (Mediator m = Mediator.start(MediatorConfig.local(0, work.resolve("data")).withLimits(limits))) {
            mediator = m;
            recipientProc = Child.start("recipients", childHeap, RecipientProcess.class, m.httpUrl().toString(),
                    m.wsUrl().toString(), m.did(), String.valueOf(recipients));
            String dids = recipientProc.expect("recipients", Duration.ofMinutes(2));
            senderProc = Child.start("senders", childHeap, SenderProcess.class, m.httpUrl().toString(), m.did(),
                    String.valueOf(senders), m.wsUrl().toString(), overWebSocket ? "ws" : "http");
            senderProc.expect("ready", Duration.ofMinutes(1));
            senderProc.call(dids, "ok", Duration.ofSeconds(10));
            recipientProc.call("live on", "live", Duration.ofMinutes(1));
            System.out.printf("machine: %d cores, JDK %s, mediator heap max %d MiB, children %s; %d senders, "
                    + "%d live recipients over %s; mediator pid %d%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), Runtime.getRuntime().maxMemory() >> 20, childHeap, senders, recipients,
                    overWebSocket ? "WebSocket" : "HTTP POST", ProcessHandle.current().pid());
            if (soak != null) {
                soak();
            } else {
                phase("warm-up", 5, 0, true, false);
                if (!intakeOnly) {
                    double liveMax = phase("live, as fast as the senders go", seconds, 0, true, true);
                    int paced = rate > 0 ? rate : (int) Math.max(1, liveMax / 2);
                    phase("live, paced at " + paced + "/s", seconds, paced, true, true);
                }
                recipientProc.call("live off", "offline", Duration.ofMinutes(1));
                if (intakeOnly) {
                    phase("intake warm-up", 10, 0, false, false); // so the JIT has compiled the intake path
                }
                phase("intake only (recipients offline), as fast as the senders go", seconds, 0, false, true);
            }
            System.out.println();
            System.out.println("| run | load avg 1/5 min | forwards/s | POST->202 p50 / p99 | send->live p50 / p99 / max "
                    + "| CPU us per forward: mediator / senders / recipients | machine busy | mediator heap after GC "
                    + "/ RSS |");
            System.out.println("| --- | --- | ---: | --- | --- | --- | ---: | --- |");
            rows.forEach(System.out::println);
            senderProc.call("quit", "bye", Duration.ofSeconds(30));
            recipientProc.call("quit", "bye", Duration.ofSeconds(30));
        } finally {
            for (Child c : new Child[] {senderProc, recipientProc}) {
                if (c != null) {
                    c.process.destroy();
                }
            }
        }
    }

    private void soak() throws Exception {
        int paced = rate > 0 ? rate : 1000;
        long end = System.nanoTime() + soak.toNanos();
        for (int round = 0; System.nanoTime() < end; round++) {
            phase("soak round " + round + ", paced at " + paced + "/s", 30, paced, true, true);
        }
    }

    /**
     * Packs, sends for {@code secs} (at {@code pace}/s, or unpaced when 0), waits until every accepted forward
     * reached its recipient (when live), then measures. Returns the forwards/s achieved.
     */
    private double phase(String name, int secs, int pace, boolean live, boolean report) throws Exception {
        int count = pace > 0 ? pace * secs : budget * secs;
        String packed = senderProc.call("pack " + count, "packed", Duration.ofMinutes(10));
        long mediatorPid = ProcessHandle.current().pid();
        long[] cpu0 = {ticks(mediatorPid), ticks(senderProc.process.pid()), ticks(recipientProc.process.pid())};
        long user0 = userTicks(mediatorPid);
        long[] machine0 = machineTicks();
        long t0 = System.nanoTime();
        java.time.Instant began = java.time.Instant.now();
        Path sendLog = work.resolve("send.log");
        long queued0 = mediator.metrics().forwardsQueuedCount();
        long out0 = mediator.metrics().messagesOutCount();
        long pushed0 = mediator.metrics().liveDeliveriesCount();
        MediatorMetrics.StoreCommits commits0 = mediator.metrics().storeCommits();
        Map<String, long[]> threads0 = ThreadCpu.snapshot();
        String[] ran = senderProc.call("run " + secs + " " + pace + " " + sendLog, "ran",
                Duration.ofSeconds(secs + 300)).split(" ");
        long accepted = Long.parseLong(ran[1]);
        long refused = Long.parseLong(ran[2]);
        double elapsed = Long.parseLong(ran[3]) / 1e9;
        if (overWebSocket) {
            // Frames written are not forwards accepted: wait (bounded) until the mediator committed them all.
            long written = accepted;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((accepted = mediator.metrics().forwardsQueuedCount() - queued0) < written
                    && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
            elapsed = Math.max(elapsed, (System.nanoTime() - t0) / 1e9);
            refused += written - accepted;
        }
        boolean exhausted = ran[4].equals("1") && pace == 0;
        long delivered = 0;
        String liveErrors = "0";
        if (live) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            do {
                String[] c = recipientProc.call("count", "count", Duration.ofSeconds(10)).split(" ");
                delivered = Long.parseLong(c[1]);
                liveErrors = c[2];
                if (delivered >= accepted) {
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            } while (System.nanoTime() < deadline);
        }
        long wall = System.nanoTime() - t0;
        long[] cpu1 = {ticks(mediatorPid), ticks(senderProc.process.pid()), ticks(recipientProc.process.pid())};
        long user1 = userTicks(mediatorPid);
        long sealed = mediator.metrics().messagesOutCount() - out0; // in a live phase: the deliveries
        long pushed = mediator.metrics().liveDeliveriesCount() - pushed0;
        String store = storeLine(commits0, mediator.metrics().storeCommits(), wall / 1e9);
        Map<String, Long> threadTicks = ThreadCpu.between(threads0, ThreadCpu.snapshot());
        long[] machine1 = machineTicks();
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        Path recvLog = work.resolve("recv.log");
        recipientProc.call("dump " + recvLog, "dumped", Duration.ofMinutes(1));
        if (!report) {
            return accepted / elapsed;
        }
        Map<String, long[]> sends = new HashMap<>();
        List<Long> ack = new ArrayList<>();
        for (String line : Files.readAllLines(sendLog)) {
            String[] f = line.split(" ");
            long sent = Long.parseLong(f[1]);
            ack.add(Long.parseLong(f[2]) - sent);
            if (f[3].equals("202") || f[3].equals("0")) {
                sends.put(f[0], new long[] {sent});
            }
        }
        List<Long> lat = new ArrayList<>();
        for (String line : Files.readAllLines(recvLog)) {
            String[] f = line.split(" ");
            long[] s = sends.get(f[0]);
            if (s != null) {
                lat.add(Long.parseLong(f[1]) - s[0]);
            }
        }
        sends.clear();
        long[] ackSorted = ack.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] latSorted = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        ack.clear();
        lat.clear();
        double perForward = accepted == 0 ? 0 : TICK_NANOS / 1e3 / accepted; // microseconds of one tick, per forward
        double busy = 100.0 * (machine1[0] - machine0[0]) / Math.max(1, machine1[1] - machine0[1]);
        long heap = heapAfterGcMiB();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .map(l -> l.replaceAll("[^0-9]", "")).findFirst().map(k -> (Long.parseLong(k) >> 10) + " MiB")
                .orElse("?");
        String[] loads = load.split(" ");
        String row = String.format("| %s%s | %s / %s | %,.0f | %s / %s ms | %s | %.0f / %.0f / %.0f | %.0f%% | %d MiB / %s |",
                name, exhausted ? " (ran out of packed forwards)" : "", loads[0], loads[1], accepted / elapsed,
                overWebSocket ? "n/a (WebSocket)" : ms(ackSorted, 50), overWebSocket ? "n/a" : ms(ackSorted, 99),
                live ? ms(latSorted, 50) + " / " + ms(latSorted, 99) + " / "
                        + (latSorted.length == 0 ? "n/a" : String.format("%.1f", latSorted[latSorted.length - 1] / 1e6))
                        + " ms" : "n/a",
                (cpu1[0] - cpu0[0]) * perForward, (cpu1[1] - cpu0[1]) * perForward, (cpu1[2] - cpu0[2]) * perForward,
                busy, heap, rss);
        rows.add(row);
        System.out.printf("%s (%s to %s): %s; accepted %d, refused %d in %.1f s; delivered live %d of %d "
                + "(live errors %s) in %d sealed messages (%.1f messages per live delivery); drained after %.1f s; "
                + "mediator CPU per forward user %.0f + system %.0f us%n"
                + "  store: %s%n"
                + "  mediator CPU us per forward by thread: %s%n"
                + "  %s%n", name, began, began.plusNanos(wall), packed, accepted, refused, elapsed, delivered, accepted,
                liveErrors, sealed, pushed / (double) Math.max(1, sealed), wall / 1e9, (user1 - user0) * perForward, (cpu1[0] - cpu0[0] - (user1 - user0)) * perForward,
                store, perThread(threadTicks, accepted), row);
        return accepted / elapsed;
    }

    /**
     * The store's group commits over a phase: how many, operations per commit, the commit's own time (fsync)
     * and a forward's time from its receipt (after the unpack) to its commit; by Little's law that time times
     * the rate is how many forwards were waiting on the store at once.
     */
    private static String storeLine(MediatorMetrics.StoreCommits a, MediatorMetrics.StoreCommits b, double seconds) {
        long commits = b.commits() - a.commits();
        long forwards = b.forwards() - a.forwards();
        double waitMs = forwards == 0 ? 0 : 1e3 * (b.forwardSeconds() - a.forwardSeconds()) / forwards;
        return String.format("%d commits (%.0f/s), %.1f operations per commit, commit %.2f ms mean "
                + "(%.0f%% of the phase in commits); forward receipt->commit %.2f ms mean, about %.0f forwards "
                + "waiting on the store at once", commits, commits / seconds,
                (b.operations() - a.operations()) / (double) Math.max(1, commits),
                1e3 * (b.commitSeconds() - a.commitSeconds()) / Math.max(1, commits),
                100 * (b.commitSeconds() - a.commitSeconds()) / seconds, waitMs, forwards / seconds * waitMs / 1e3);
    }

    private static String perThread(Map<String, Long> ticks, long forwards) {
        StringBuilder b = new StringBuilder();
        ticks.forEach((kind, t) -> b.append(b.isEmpty() ? "" : ", ").append(kind).append(' ')
                .append(String.format("%.0f", t * TICK_NANOS / 1e3 / Math.max(1, forwards))));
        return b.toString();
    }

    private static String ms(long[] sorted, int p) {
        if (sorted.length == 0) {
            return "n/a";
        }
        return String.format("%.1f", sorted[Math.min(sorted.length - 1,
                (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6);
    }

    /** User plus system CPU time of a process, in ticks, from /proc/PID/stat (fields 14 and 15). */
    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** User CPU time of a process, in ticks (field 14 of /proc/PID/stat). */
    private static long userTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[11]);
    }

    /** Busy and total ticks of the whole machine (every process, other engineers' too), from /proc/stat. */
    private static long[] machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }

    private static long heapAfterGcMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    /** A child JVM on this classpath, driven one line at a time over its stdin and stdout. */
    private static final class Child {
        final Process process;
        private final String name;
        private final BufferedWriter in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Child(String name, Process process) {
            this.name = name;
            this.process = process;
            this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            Thread.ofPlatform().daemon().name(name + "-out").start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    lines.add("error " + name + " output ended: " + e.getMessage());
                }
            });
        }

        static Child start(String name, String heap, Class<?> main, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), heap, "--enable-native-access=ALL-UNNAMED",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                    main.getName()));
            cmd.addAll(List.of(args));
            return new Child(name, new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        String call(String command, String answer, Duration timeout) throws IOException, InterruptedException {
            in.write(command + "\n");
            in.flush();
            return expect(answer, timeout);
        }

        /** The next line starting with {@code prefix}; other lines are echoed; a timeout or an error fails. */
        String expect(String prefix, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String l = lines.poll(Math.min(TimeUnit.SECONDS.toNanos(1), Math.max(1, deadline - System.nanoTime())),
                        TimeUnit.NANOSECONDS);
                if (l == null && !process.isAlive()) {
                    throw new IOException("the " + name + " process exited (" + process.exitValue()
                            + ") before answering '" + prefix + "'; its error is above");
                }
                if (l == null && System.nanoTime() - deadline > 0) {
                    throw new IOException("the " + name + " process did not answer '" + prefix + "' within " + timeout);
                }
                if (l == null) {
                    continue;
                }
                if (l.startsWith(prefix)) {
                    return l;
                }
                if (l.startsWith("error")) {
                    throw new IOException("the " + name + " process failed: " + l);
                }
                System.out.println("[" + name + "] " + l);
            }
        }
    }
}
