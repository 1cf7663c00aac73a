package dev.parley.mpc.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mpc.LocalParties;
import dev.parley.mpc.engine.EngineConfig;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.programs.BenchmarkProgram;
import dev.parley.mpc.program.programs.MaximumProgram;
import dev.parley.mpc.program.programs.SecretSantaProgram;
import dev.parley.mpc.program.programs.SumProgram;
import dev.parley.mpc.program.programs.VoteProgram;
import dev.parley.mpc.transport.InMemoryNetwork;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Each demo program through the runner (handshake, key agreement, program), checked against plaintext. */
class ProgramsTest {

    static <I, R> List<R> runAll(MpcProgram<I, R> program, IntFunction<I> inputs, int n, int t, long seed)
            throws Exception {
        InMemoryNetwork net = InMemoryNetwork.of(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                int party = i;
                futures.add(pool.submit(() -> ProgramRunner.run(program, inputs.apply(party), net.transport(party), t,
                        EngineConfig.defaults(), LocalParties.seeded(seed * 100 + party))));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sumAndAverageMatchPlaintext() throws Exception {
        long[] inputs = {0, 17, -5, Integer.MAX_VALUE, Integer.MIN_VALUE};
        List<SumProgram.Result> results = runAll(new SumProgram(SecureIntType.int32()), i -> inputs[i - 1], 5, 2, 1);
        long expected = 0;
        for (long v : inputs) {
            expected += v;
        }
        for (SumProgram.Result r : results) {
            assertEquals(expected, r.sum());
            assertEquals(expected / 5.0, r.average(), 1e-9);
        }
    }

    @Test
    void maximumAndItsHolderMatchPlaintext() throws Exception {
        long[][] cases = {{3, 9, -4}, {-1, -1, -7, -2}, {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, Integer.MAX_VALUE, 5},
                {4, 4, 4}, {1, 2, 3, 4, 5, 6, 7}};
        for (long[] inputs : cases) {
            int n = inputs.length;
            List<MaximumProgram.Result> results = runAll(new MaximumProgram(SecureIntType.int32()),
                    i -> inputs[i - 1], n, (n - 1) / 2, n);
            int holder = 1;
            for (int i = 1; i < n; i++) {
                if (inputs[i] > inputs[holder - 1]) {
                    holder = i + 1;
                }
            }
            for (MaximumProgram.Result r : results) {
                assertEquals(new MaximumProgram.Result(inputs[holder - 1], holder), r,
                        "max of " + java.util.Arrays.toString(inputs) + " (ties go to the lowest party)");
            }
        }
    }

    @Test
    void voteCountsYesVotes() throws Exception {
        boolean[] votes = {true, false, true, true};
        List<VoteProgram.Result> results = runAll(new VoteProgram(), i -> votes[i - 1], 4, 1, 3);
        for (VoteProgram.Result r : results) {
            assertEquals(new VoteProgram.Result(3, 1), r);
        }
    }

    @Test
    void secretSantaIsADerangementAndEachPartyLearnsOnlyItsOwnEntry() throws Exception {
        Set<List<Integer>> seen = new HashSet<>();
        for (long seed = 1; seed <= 12; seed++) {
            List<Integer> giveTo = runAll(new SecretSantaProgram(), i -> null, 3, 1, seed);
            Set<Integer> receivers = new HashSet<>(giveTo);
            assertEquals(3, receivers.size(), "a permutation: " + giveTo);
            for (int i = 1; i <= 3; i++) {
                assertNotEquals(i, giveTo.get(i - 1), "no one gives to themself: " + giveTo);
                assertTrue(giveTo.get(i - 1) >= 1 && giveTo.get(i - 1) <= 3);
            }
            seen.add(giveTo);
        }
        // 3 parties have exactly 2 derangements; 12 independent runs all landing on one has probability 2^-11
        assertEquals(2, seen.size(), "both derangements of 3 occur: " + seen);
    }

    @Test
    void secretSantaWorksForFiveParties() throws Exception {
        List<Integer> giveTo = runAll(new SecretSantaProgram(), i -> null, 5, 2, 7);
        assertEquals(5, new HashSet<>(giveTo).size());
        for (int i = 1; i <= 5; i++) {
            assertNotEquals(i, giveTo.get(i - 1));
        }
    }

    @Test
    void benchmarkProgramRunsAndPartiesAgreeOnItsChecksum() throws Exception {
        BenchmarkProgram program = new BenchmarkProgram(SecureIntType.int32(), 1000, 5, 20, Clock.systemUTC());
        List<BenchmarkProgram.Result> results = runAll(program, i -> null, 3, 1, 5);
        for (BenchmarkProgram.Result r : results) {
            assertEquals(results.get(0).checksum(), r.checksum());
            assertEquals(1, r.batchedMultiplications().traffic().rounds(), "a batch of multiplications is one round");
            assertEquals(5, r.dependentRounds().traffic().rounds());
        }
        // party 1 reshares 1000 products to each of 2 peers; the field is > 64 bits here, so 9+ bytes per element
        long[] bytes = results.get(0).batchedMultiplications().traffic().bytesTo();
        assertEquals(bytes[2], bytes[3]);
        assertEquals(1000L * program.integerType().selectField(3, 1).elementBytes(), bytes[2]);
    }

    @Test
    void registryListsTheDemoPrograms() {
        ProgramRegistry registry = ProgramRegistry.standard(Clock.systemUTC());
        assertEquals(List.of("sum", "max", "vote", "secret-santa", "benchmark"),
                registry.list().stream().map(ProgramRegistry.Entry::name).toList());
        assertTrue(registry.find("max").isPresent());
        assertTrue(registry.find("nope").isEmpty());
    }
}
