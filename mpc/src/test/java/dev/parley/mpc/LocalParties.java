package dev.parley.mpc;

import dev.parley.mpc.engine.EngineConfig;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.field.PrimeField;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.transport.InMemoryNetwork;
import dev.parley.mpc.transport.Transport;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs n real engines on n threads over the in-memory network, with seeded randomness and a bounded wait. */
public final class LocalParties {

    /** What every party runs; the engine is seen with an erased vector type, which tests never look into. */
    @FunctionalInterface
    public interface Body<R> {
        R run(MpcEngine<Object> engine) throws Exception;
    }

    private LocalParties() {
    }

    /** Deterministic randomness for party {@code i}: a SHA1PRNG seeded before first use. */
    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is a standard JDK algorithm", e);
        }
    }

    public static <R> List<R> run(int n, int t, SecureIntType type, Body<R> body) throws Exception {
        InMemoryNetwork net = InMemoryNetwork.of(n);
        return run(n, i -> net.transport(i), t, type, EngineConfig.defaults(), body);
    }

    /** As {@link #run(int, int, SecureIntType, Body)} on a given field instead of the one the type selects. */
    public static <R> List<R> run(int n, int t, SecureIntType type, PrimeField<?> field, Body<R> body)
            throws Exception {
        InMemoryNetwork net = InMemoryNetwork.of(n);
        return run(n, i -> net.transport(i), t, type, field, EngineConfig.defaults(), body);
    }

    public static <R> List<R> run(int n, IntFunction<Transport> transports, int t, SecureIntType type,
                                  EngineConfig config, Body<R> body) throws Exception {
        return run(n, transports, t, type, type.selectField(n, t), config, body);
    }

    @SuppressWarnings("unchecked")
    private static <R> List<R> run(int n, IntFunction<Transport> transports, int t, SecureIntType type,
                                   PrimeField<?> anyField, EngineConfig config, Body<R> body) throws Exception {
        PrimeField<Object> field = (PrimeField<Object>) anyField;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                int party = i;
                futures.add(pool.submit(() -> {
                    try (MpcEngine<Object> engine = MpcEngine.start(transports.apply(party), field, t, type, config,
                            seeded(1000 + party))) {
                        return body.run(engine);
                    }
                }));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }
}
