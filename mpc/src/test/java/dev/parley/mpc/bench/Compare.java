package dev.parley.mpc.bench;

import dev.parley.mpc.LocalParties;
import dev.parley.mpc.engine.EngineConfig;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.field.PrimeField;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.ProgramRunner;
import dev.parley.mpc.program.programs.BenchmarkProgram;
import dev.parley.mpc.program.programs.SecretSantaProgram;
import dev.parley.mpc.transport.DidCommParties;
import dev.parley.mpc.transport.SessionMesh;
import dev.parley.mpc.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The workload over the three transports, side by side: 32-bit integers (kappa 30) on the 61-bit field,
 * best of several runs after a warm-up, each run on freshly set-up transports (set-up is not timed). DIDComm runs a
 * smaller workload (each round message is an HTTP post and a WebSocket delivery) and fewer repeats; its rates are
 * scaled per operation, and its table row says which sizes it ran.
 */
final class Compare {
    private static final int N = 3;
    private static final int T = 1;
    private static final SecureIntType INT32 = SecureIntType.int32();
    private static final EngineConfig CONFIG = EngineConfig.defaults().withRoundTimeout(Duration.ofSeconds(120));

    private Compare() {
    }

    /** Which transport and how much work it gets. */
    private enum Kind {
        SESSION(100_000, 200, 1_000, 11, 5_000), TCP(100_000, 200, 1_000, 11, 5_000), DIDCOMM(10_000, 20, 100, 2, 0);

        final int batch;
        final int chain;
        final int comparisons;
        final int repeats;
        /**
         * Dependent rounds run once, unmeasured, before the runs: a 200-round chain is over before the JIT has
         * compiled the small-message path (on a cold JVM the first chains take 0.1-1.2 ms per round and the median
         * round falls for several thousand rounds), so without it the chain would measure the compiler.
         */
        final int warmUpRounds;

        Kind(int batch, int chain, int comparisons, int repeats, int warmUpRounds) {
            this.batch = batch;
            this.chain = chain;
            this.comparisons = comparisons;
            this.repeats = repeats;
            this.warmUpRounds = warmUpRounds;
        }
    }

    /** One transport's best figures. */
    private record Row(Kind kind, double multPerSec, double roundMs, double cmpPerSec, double santaMs,
                       double bytesPerMult) {
    }

    /** Transports for one run, and what to close afterwards. */
    private record Net(List<Transport> transports, AutoCloseable resources) {
    }

    /** Runs the named transports (session, tcp, didcomm), all when none are named. */
    static void run(List<String> names) throws Exception {
        System.out.println("load before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        Map<Kind, Row> rows = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            if (!names.isEmpty() && !names.contains(k.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            long cpu0 = processCpuNanos();
            rows.put(k, measure(k));
            double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
            Row r = rows.get(k);
            System.out.printf(Locale.ROOT, "%-8s process CPU %.1f s for %d runs of each workload and santa%n", k,
                    cpuSeconds, k.repeats);
            System.out.printf(Locale.ROOT, "%-8s %,12.0f mult/s  %8.3f ms/round  %,10.0f cmp/s  santa %8.1f ms  %5.1f"
                            + " bytes/mult (batch %d, chain %d, comparisons %d)%n", k, r.multPerSec(), r.roundMs(),
                    r.cmpPerSec(), r.santaMs(), r.bytesPerMult(), k.batch, k.chain, k.comparisons);
        }
        Row s = rows.get(Kind.SESSION);
        for (Kind other : List.of(Kind.TCP, Kind.DIDCOMM)) {
            Row o = rows.get(other);
            if (s == null || o == null) {
                continue;
            }
            System.out.printf(Locale.ROOT, "session vs %s: mult %.2fx, round %.2fx faster, cmp %.2fx, santa %.2fx"
                            + " faster%n", other, s.multPerSec() / o.multPerSec(), o.roundMs() / s.roundMs(),
                    s.cmpPerSec() / o.cmpPerSec(), o.santaMs() / s.santaMs());
        }
        System.out.println("load after: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static Row measure(Kind kind) throws Exception {
        BenchmarkProgram program = new BenchmarkProgram(INT32, kind.batch, kind.chain, kind.comparisons,
                Clock.systemUTC());
        PrimeField<?> field = INT32.selectField(N, T);
        if (kind.warmUpRounds > 0) {
            BenchmarkProgram warmUp = new BenchmarkProgram(INT32, 1_000, kind.warmUpRounds, 10, Clock.systemUTC());
            onFresh(kind, 50, ts -> parties(ts, (tr, seed) -> runOn(warmUp, field, tr, seed)));
        }
        List<BenchmarkProgram.Result> runs = new ArrayList<>();
        for (int r = 0; r < kind.repeats; r++) {
            BenchmarkProgram.Result res = onFresh(kind, r, ts -> parties(ts, (tr, seed) -> runOn(program, field, tr,
                    seed))).get(0);
            if (r > 0 || kind.repeats == 1) { // the first run warms up the JIT
                runs.add(res);
            }
        }
        double mult = kind.batch / seconds(best(runs, BenchmarkProgram.Result::batchedMultiplications));
        double round = seconds(best(runs, BenchmarkProgram.Result::dependentRounds)) * 1e3 / kind.chain;
        double cmp = kind.comparisons / seconds(best(runs, BenchmarkProgram.Result::comparisons));
        double bytes = (double) runs.get(0).batchedMultiplications().traffic().totalBytes() / kind.batch;
        long santa = Long.MAX_VALUE;
        for (int r = 0; r < kind.repeats; r++) {
            long took = onFresh(kind, 100 + r, ts -> {
                long t0 = System.nanoTime();
                parties(ts, (tr, seed) -> ProgramRunner.run(new SecretSantaProgram(), null, tr, T, CONFIG,
                        LocalParties.seeded(seed)));
                return List.of(System.nanoTime() - t0);
            }).get(0);
            if (r > 0 || kind.repeats == 1) {
                santa = Math.min(santa, took);
            }
        }
        return new Row(kind, mult, round, cmp, santa / 1e6, bytes);
    }

    private static <V> BenchmarkProgram.Result runOn(BenchmarkProgram program, PrimeField<V> field, Transport tr,
                                                     long seed) throws Exception {
        try (MpcEngine<V> engine = MpcEngine.start(tr, field, T, INT32, CONFIG, LocalParties.seeded(seed))) {
            return program.run(engine, null);
        }
    }

    /**
     * One workload alone, so the process CPU time of the run is that workload's: {@code phase chain|batch|cmp
     * [session|tcp]} runs 1 warm-up and 10 timed runs of only that phase (the other two cut to one operation) and prints
     * wall time and CPU time (all threads of all three parties) per operation, best of the timed runs. Steadier than
     * wall time on a shared machine.
     */
    static void phase(List<String> args) throws Exception {
        String which = args.isEmpty() ? "chain" : args.get(0);
        Kind kind = args.size() > 1 ? Kind.valueOf(args.get(1).toUpperCase(Locale.ROOT)) : Kind.SESSION;
        int ops = args.size() > 2 ? Integer.parseInt(args.get(2)) : switch (which) {
            case "chain" -> 2_000;
            case "batch" -> 100_000;
            case "cmp" -> 1_000;
            default -> throw new IllegalArgumentException("phase is one of chain, batch, cmp; got " + which);
        };
        BenchmarkProgram program = new BenchmarkProgram(INT32, which.equals("batch") ? ops : 1,
                which.equals("chain") ? ops : 1, which.equals("cmp") ? ops : 1, Clock.systemUTC());
        PrimeField<?> field = INT32.selectField(N, T);
        System.out.println("load before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        double bestWall = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int r = 0; r < 11; r++) {
            long[] cpu = new long[2];
            BenchmarkProgram.Result res = onFresh(kind, 300 + r, ts -> {
                cpu[0] = processCpuNanos();
                List<BenchmarkProgram.Result> out = parties(ts, (tr, seed) -> runOn(program, field, tr, seed));
                cpu[1] = processCpuNanos();
                return out;
            }).get(0);
            BenchmarkProgram.Phase p = switch (which) {
                case "chain" -> res.dependentRounds();
                case "batch" -> res.batchedMultiplications();
                default -> res.comparisons();
            };
            double wall = p.time().toNanos() / 1e3 / ops;
            double cpuPer = (cpu[1] - cpu[0]) / 1e3 / ops;
            System.out.printf(Locale.ROOT, "%s %s run %d: %.2f us per op wall, %.2f us CPU per op (whole run, all"
                            + " threads); party 1: %d rounds, %d messages, %,d bytes%n", kind, which, r, wall, cpuPer,
                    p.traffic().rounds(), p.traffic().totalMessages(), p.traffic().totalBytes());
            if (r > 0) {
                bestWall = Math.min(bestWall, wall);
                bestCpu = Math.min(bestCpu, cpuPer);
            }
        }
        System.out.printf(Locale.ROOT, "%s %s best: %.2f us per op wall, %.2f us CPU per op%n", kind, which, bestWall,
                bestCpu);
        System.out.println("load after: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /**
     * Two parties over one real session (a loopback link), 9-byte messages: party 1 sends round r and waits for the
     * answer, party 2 answers. Prints wall time and process CPU time per round trip, best of 3 runs of 5,000 after a
     * warm-up of 2,000: the receive path's hand-offs without the engine's arithmetic.
     */
    static void pingPong() throws Exception {
        System.out.println("load before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        int warm = 2_000;
        int trips = 5_000;
        double bestWall = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            List<Transport> ts = SessionMesh.transports(2, 900 + run, Duration.ofSeconds(60));
            try (Transport a = ts.get(0); Transport b = ts.get(1)) {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                try {
                    Future<?> answerer = pool.submit(() -> {
                        for (long r = 0; r < warm + trips; r++) {
                            b.send(1, r, b.receive(1, r, Duration.ofSeconds(30)));
                        }
                        return null;
                    });
                    byte[] msg = new byte[9];
                    long t0 = 0;
                    long c0 = 0;
                    for (long r = 0; r < warm + trips; r++) {
                        if (r == warm) {
                            t0 = System.nanoTime();
                            c0 = processCpuNanos();
                        }
                        a.send(2, r, msg);
                        a.receive(2, r, Duration.ofSeconds(30));
                    }
                    double wall = (System.nanoTime() - t0) / 1e3 / trips;
                    double cpu = (processCpuNanos() - c0) / 1e3 / trips;
                    answerer.get(1, TimeUnit.MINUTES);
                    System.out.printf(Locale.ROOT, "ping-pong run %d: %.1f us per round trip, %.1f us CPU per round"
                            + " trip (all threads)%n", run + 1, wall, cpu);
                    bestWall = Math.min(bestWall, wall);
                    bestCpu = Math.min(bestCpu, cpu);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
        System.out.printf(Locale.ROOT, "ping-pong best: %.1f us per round trip, %.1f us CPU per round trip%n", bestWall,
                bestCpu);
        System.out.println("load after: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** CPU time of the whole JVM (every thread): steadier than wall time on a shared, busy machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static Duration best(List<BenchmarkProgram.Result> runs,
                                 java.util.function.Function<BenchmarkProgram.Result, BenchmarkProgram.Phase> phase) {
        return runs.stream().map(phase).map(BenchmarkProgram.Phase::time).min(Comparator.naturalOrder()).orElseThrow();
    }

    @FunctionalInterface
    private interface Body<R> {
        List<R> apply(List<Transport> transports) throws Exception;
    }

    @FunctionalInterface
    private interface Party<R> {
        R run(Transport transport, long seed) throws Exception;
    }

    private static <R> List<R> onFresh(Kind kind, int run, Body<R> body) throws Exception {
        Net net = switch (kind) {
            case SESSION -> new Net(SessionMesh.transports(N, 500 + run, Duration.ofSeconds(60)), () -> { });
            case TCP -> new Net(MpcBenchmark.tcp(), () -> { });
            case DIDCOMM -> {
                Path dir = Files.createTempDirectory("mpc-bench");
                DidCommParties p = new DidCommParties(N, dir, "bench-" + run);
                yield new Net(p.transports(), p);
            }
        };
        try (AutoCloseable resources = net.resources()) {
            return body.apply(net.transports());
        }
    }

    /** Runs every party on its own thread and returns party 1's result first. */
    private static <R> List<R> parties(List<Transport> transports, Party<R> party) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(N);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (int i = 1; i <= N; i++) {
                Transport tr = transports.get(i - 1);
                long seed = i;
                Callable<R> c = () -> {
                    try (tr) {
                        return party.run(tr, seed);
                    }
                };
                futures.add(pool.submit(c));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get(20, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
