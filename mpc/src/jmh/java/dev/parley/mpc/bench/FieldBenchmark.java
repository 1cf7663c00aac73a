package dev.parley.mpc.bench;

import dev.parley.mpc.field.BigPrimeField;
import dev.parley.mpc.field.Mersenne61Field;
import dev.parley.mpc.field.PrimeField;
import dev.parley.mpc.field.TwoLimbField;
import dev.parley.mpc.prss.AesCtrStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The fields side by side on vectors of {@value #LENGTH} elements: nanoseconds per element for multiplication,
 * addition, the square-root step of random bits, and uniform sampling from AES-CTR. "big67" is the 67-bit prime that
 * "two-limb67" uses, on BigInteger.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FieldBenchmark {

    static final int LENGTH = 4096;

    @Param({"mersenne61", "two-limb67", "two-limb127", "big67"})
    public String field;

    private Ops<?> ops;

    @Setup
    public void setUp() {
        ops = switch (field) {
            case "mersenne61" -> new Ops<>(Mersenne61Field.instance());
            case "two-limb67" -> new Ops<>(TwoLimbField.largestBlumPrimeBelow(67));
            case "two-limb127" -> new Ops<>(TwoLimbField.largestBlumPrimeBelow(127));
            case "big67" -> new Ops<>(BigPrimeField.largestBlumPrimeBelow(67));
            default -> throw new IllegalArgumentException("unknown field " + field);
        };
    }

    /** Typed vectors for one field, so the benchmark methods stay free of casts. */
    private static final class Ops<V> {
        final PrimeField<V> f;
        final V a;
        final V b;
        final V out;

        Ops(PrimeField<V> f) {
            this.f = f;
            a = f.newVector(LENGTH);
            b = f.newVector(LENGTH);
            out = f.newVector(LENGTH);
            f.uniform(a, new AesCtrStream(new byte[16], 1));
            f.uniform(b, new AesCtrStream(new byte[16], 2));
        }

        Object mul() {
            f.mul(a, b, out);
            return out;
        }

        Object add() {
            f.add(a, b, out);
            return out;
        }

        Object inverseSquareRoot() {
            f.inverseSquareRootUpToSign(a, out);
            return out;
        }

        Object uniform() {
            f.uniform(out, new AesCtrStream(new byte[16], 3));
            return out;
        }
    }

    @Benchmark
    @OperationsPerInvocation(LENGTH)
    public Object multiply() {
        return ops.mul();
    }

    @Benchmark
    @OperationsPerInvocation(LENGTH)
    public Object add() {
        return ops.add();
    }

    @Benchmark
    @OperationsPerInvocation(LENGTH)
    public Object inverseSquareRoot() {
        return ops.inverseSquareRoot();
    }

    @Benchmark
    @OperationsPerInvocation(LENGTH)
    public Object uniform() {
        return ops.uniform();
    }
}
