package dev.parley.mpc.bench;

import dev.parley.mpc.LocalParties;
import dev.parley.mpc.engine.EngineConfig;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.field.BigPrimeField;
import dev.parley.mpc.field.PrimeField;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.MpcProgram;
import dev.parley.mpc.program.ProgramRunner;
import dev.parley.mpc.program.programs.BenchmarkProgram;
import dev.parley.mpc.program.programs.SecretSantaProgram;
import dev.parley.mpc.prss.AesCtrStream;
import dev.parley.mpc.transport.InMemoryNetwork;
import dev.parley.mpc.transport.TcpTransport;
import dev.parley.mpc.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Protocol-level figures for docs/benchmarks/mpc.md: 3 parties as threads in one JVM. With no argument: field
 * operations, then every integer type over the in-memory network and loopback TCP. With {@code compare}: the issue's
 * workload side by side over real sessions (UDP loopback links, Noise, records), loopback TCP and per-message DIDComm
 * authcrypt through a real mediator, with ratios. Not a test; run with
 * {@code ./mvnw -B -q -Pbench -pl mpc test-compile exec:java [-Dexec.args="compare [session] [tcp] [didcomm]"]}, or
 * {@code -Dexec.args=pingpong} for two parties' round trips over one session (wall and CPU time per trip), or
 * {@code -Dexec.args="phase chain|batch|cmp [session|tcp [OPS]]"} for one workload alone with CPU time per operation.
 */
public final class MpcBenchmark {

    private static final int N = 3;
    private static final int T = 1;
    private static final int REPEATS = 5;

    private MpcBenchmark() {
    }

    /** A secure integer type on one field implementation. */
    private record Case(SecureIntType type, PrimeField<?> field) {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("MPC benchmark, 3 parties, t=1, " + Runtime.getRuntime().availableProcessors()
                + " cores, JDK " + Runtime.version());
        if (args.length > 0 && args[0].equals("pingpong")) {
            Compare.pingPong();
            return;
        }
        if (args.length > 0 && args[0].equals("phase")) {
            Compare.phase(List.of(args).subList(1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("compare")) {
            Compare.run(List.of(args).subList(1, args.length));
            return;
        }
        SecureIntType int32 = SecureIntType.int32();
        List<Case> cases = List.of(
                new Case(new SecureIntType(32, 24), new SecureIntType(32, 24).selectField(N, T)),
                new Case(int32, int32.selectField(N, T)),
                new Case(int32, new BigPrimeField(int32.selectField(N, T).modulus())),
                new Case(SecureIntType.int64(), SecureIntType.int64().selectField(N, T)));
        fieldOps(cases);
        for (Case c : cases) {
            for (String transport : List.of("memory", "tcp")) {
                BenchmarkProgram program = new BenchmarkProgram(c.type(), 100_000, 200, 1_000, Clock.systemUTC());
                BenchmarkProgram.Result best = null;
                for (int r = 0; r < REPEATS; r++) { // the first run warms up the JIT
                    BenchmarkProgram.Result res = runOnField(program, c.field(), transport).get(0);
                    if (r > 0 && (best == null || total(res) < total(best))) {
                        best = res;
                    }
                }
                report(c.type(), c.field(), transport, program, best);
            }
        }
        for (String transport : List.of("memory", "tcp")) {
            long bestNanos = Long.MAX_VALUE;
            for (int r = 0; r < REPEATS + 2; r++) {
                long t0 = System.nanoTime();
                runAll(new SecretSantaProgram(), transport);
                long took = System.nanoTime() - t0;
                if (r > 0) {
                    bestNanos = Math.min(bestNanos, took);
                }
            }
            System.out.printf(Locale.ROOT, "secret santa, 3 parties, %s, field %s: %.1f ms (incl. handshake and key"
                    + " agreement)%n", transport, new SecretSantaProgram().integerType().selectField(N, T),
                    bestNanos / 1e6);
        }
    }

    private static long total(BenchmarkProgram.Result r) {
        return r.batchedMultiplications().time().toNanos() + r.dependentRounds().time().toNanos()
                + r.comparisons().time().toNanos();
    }

    private static void report(SecureIntType type, PrimeField<?> field, String transport, BenchmarkProgram program,
                               BenchmarkProgram.Result r) {
        double mulSeconds = r.batchedMultiplications().time().toNanos() / 1e9;
        double roundMs = r.dependentRounds().time().toNanos() / 1e6 / program.chain();
        double cmpSeconds = r.comparisons().time().toNanos() / 1e9;
        long bytes = r.batchedMultiplications().traffic().totalBytes();
        System.out.printf(Locale.ROOT, "%s int%d kappa=%d field=%s: %,.0f mult/s (batch %d), %.3f ms/dependent round,"
                        + " %,.0f comparisons/s (batch %d, %d rounds), %.1f bytes sent per mult per party%n",
                transport, type.bits(), type.kappa(), field, program.batch() / mulSeconds, program.batch(), roundMs,
                program.comparisons() / cmpSeconds, program.comparisons(), r.comparisons().traffic().rounds(),
                (double) bytes / program.batch());
    }

    /** Vector multiplication per element on each field: a plain best-of loop; the JMH figures are in FieldBenchmark. */
    private static void fieldOps(List<Case> cases) {
        for (Case c : cases) {
            System.out.printf(Locale.ROOT, "%s vector multiply: %.2f ns/element (best of 30 x 2^16)%n", c.field(),
                    multiplyNanos(c.field()));
        }
    }

    private static <V> double multiplyNanos(PrimeField<V> f) {
        int m = 1 << 16;
        V a = f.newVector(m);
        V b = f.newVector(m);
        f.uniform(a, new AesCtrStream(new byte[16], 1));
        f.uniform(b, new AesCtrStream(new byte[16], 2));
        V out = f.newVector(m);
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 30; r++) {
            long t0 = System.nanoTime();
            f.mul(a, b, out);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return (double) best / m;
    }

    /** Starts the engines directly on {@code field} (no program handshake, which the figures do not include). */
    private static <R> List<R> runOnField(MpcProgram<Void, R> program, PrimeField<?> field, String kind)
            throws Exception {
        List<Transport> transports = kind.equals("memory") ? memory() : tcp();
        ExecutorService pool = Executors.newFixedThreadPool(N);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (int i = 1; i <= N; i++) {
                Transport tr = transports.get(i - 1);
                long seed = i;
                futures.add(pool.submit(() -> runParty(program, field, tr, seed)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get(10, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <V, R> R runParty(MpcProgram<Void, R> program, PrimeField<V> field, Transport transport, long seed)
            throws Exception {
        try (transport; MpcEngine<V> engine = MpcEngine.start(transport, field, T, program.integerType(),
                EngineConfig.defaults().withRoundTimeout(Duration.ofSeconds(60)), LocalParties.seeded(seed))) {
            return program.run(engine, null);
        }
    }

    private static <R> List<R> runAll(MpcProgram<Void, R> program, String kind) throws Exception {
        List<Transport> transports = kind.equals("memory") ? memory() : tcp();
        ExecutorService pool = Executors.newFixedThreadPool(N);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (int i = 1; i <= N; i++) {
                Transport tr = transports.get(i - 1);
                long seed = i;
                futures.add(pool.submit(() -> ProgramRunner.run(program, null, tr, T,
                        EngineConfig.defaults().withRoundTimeout(Duration.ofSeconds(60)), LocalParties.seeded(seed))));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get(10, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Transport> memory() {
        InMemoryNetwork net = InMemoryNetwork.of(N);
        List<Transport> out = new ArrayList<>();
        for (int i = 1; i <= N; i++) {
            out.add(net.transport(i));
        }
        return out;
    }

    static List<Transport> tcp() throws Exception {
        List<ServerSocket> servers = new ArrayList<>();
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            servers.add(s);
            addresses.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(N);
        try {
            List<Future<Transport>> futures = new ArrayList<>();
            for (int i = 1; i <= N; i++) {
                int self = i;
                futures.add(pool.submit(() -> TcpTransport.connect(self, addresses, servers.get(self - 1),
                        Duration.ofSeconds(30), 256 << 20)));
            }
            List<Transport> out = new ArrayList<>();
            for (Future<Transport> f : futures) {
                out.add(f.get(1, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
