package dev.parley.cli.demo;

import dev.parley.cli.CliException;
import dev.parley.cli.ExitCode;
import dev.parley.mpc.MpcException;
import dev.parley.mpc.engine.EngineConfig;
import dev.parley.mpc.program.MpcProgram;
import dev.parley.mpc.program.ProgramRunner;
import dev.parley.mpc.transport.InMemoryNetwork;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Runs one program for n parties, each on its own thread, over an in-memory transport (the demo's local step). */
final class MpcRun {

    private MpcRun() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Object> runAll(int n, IntFunction<MpcProgram<?, ?>> program, IntFunction<Object> input)
            throws CliException, InterruptedException {
        InMemoryNetwork network = InMemoryNetwork.of(n);
        int threshold = (n - 1) / 2;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int party = 1; party <= n; party++) {
                int self = party;
                MpcProgram p = program.apply(self);
                futures.add(pool.submit(() -> ProgramRunner.run(p, input.apply(self), network.transport(self), threshold,
                        EngineConfig.defaults(), new SecureRandom())));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MpcException mpc) {
                throw new CliException(ExitCode.INTERNAL, "the demo's computation failed: " + mpc.getMessage(), mpc);
            }
            throw new CliException(ExitCode.INTERNAL, "the demo's computation failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
