package dev.parley.mpc.program.programs;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.engine.TrafficStats;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.MpcProgram;
import dev.parley.mpc.program.ProgramDescriptor;
import dev.parley.mpc.sharing.Shares;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The benchmark workload: one batch of multiplications, a chain of dependent multiplications (one round each), and a
 * batch of comparisons, on PRSS-random inputs. Each phase is timed with the injected clock and its traffic recorded;
 * a checksum of the opened results keeps the work from being skipped and lets parties compare runs.
 *
 * @param batch      multiplications in the batched phase
 * @param chain      dependent multiplication rounds
 * @param comparisons comparisons in the comparison phase
 */
public record BenchmarkProgram(SecureIntType type, int batch, int chain, int comparisons, Clock clock)
        implements MpcProgram<Void, BenchmarkProgram.Result> {

    /** A timed phase and the traffic this party sent during it. */
    public record Phase(Duration time, TrafficStats traffic) {
    }

    public record Result(Phase batchedMultiplications, Phase dependentRounds, Phase comparisons, long checksum) {
    }

    public BenchmarkProgram {
        if (batch < 1 || chain < 1 || comparisons < 1) {
            throw new IllegalArgumentException("batch, chain and comparisons must be positive");
        }
    }

    @Override
    public ProgramDescriptor descriptor() {
        return ProgramDescriptor.of("benchmark", 1, Map.of("bits", "" + type.bits(), "kappa", "" + type.kappa(),
                "batch", "" + batch, "chain", "" + chain, "comparisons", "" + comparisons));
    }

    @Override
    public SecureIntType integerType() {
        return type;
    }

    @Override
    public <V> Result run(MpcEngine<V> engine, Void none) throws MpcException {
        Shares<V> a = engine.random(batch);
        Shares<V> b = engine.random(batch);
        TrafficStats s0 = engine.stats();
        Instant t0 = clock.instant();
        Shares<V> products = engine.mul(a, b);
        Instant t1 = clock.instant();
        TrafficStats s1 = engine.stats();

        Shares<V> x = engine.random(1);
        Shares<V> y = engine.random(1);
        for (int i = 0; i < chain; i++) {
            x = engine.mul(x, y);
        }
        Instant t2 = clock.instant();
        TrafficStats s2 = engine.stats();

        // comparison inputs in range: random bits scaled into signed values are not needed, a bounded sum of bits is
        Shares<V> bits = engine.randomBits(2 * comparisons);
        Shares<V> left = engine.scale(engine.slice(bits, 0, comparisons), 1000);
        Shares<V> right = engine.slice(bits, comparisons, 2 * comparisons);
        TrafficStats s3 = engine.stats();
        Instant t3 = clock.instant();
        Shares<V> less = engine.lessThan(left, right);
        Instant t4 = clock.instant();
        TrafficStats s4 = engine.stats();

        // random field elements do not fit a long: fold them into public zero tests, plus the count of "less"
        boolean[] zero = engine.isZeroPublic(engine.concat(engine.sum(products), x));
        long checksum = engine.open(engine.sum(less))[0] * 4 + (zero[0] ? 2 : 0) + (zero[1] ? 1 : 0);
        return new Result(new Phase(Duration.between(t0, t1), s1.since(s0)),
                new Phase(Duration.between(t1, t2), s2.since(s1)),
                new Phase(Duration.between(t3, t4), s4.since(s3)), checksum);
    }
}
