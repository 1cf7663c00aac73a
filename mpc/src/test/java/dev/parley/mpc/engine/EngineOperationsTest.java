package dev.parley.mpc.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mpc.LocalParties;
import dev.parley.mpc.field.BigPrimeField;
import dev.parley.mpc.field.Mersenne61Field;
import dev.parley.mpc.field.PrimeField;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.field.TwoLimbField;
import dev.parley.mpc.sharing.Shares;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation against plaintext, on edge and random values, for n = 3, 4, 5, 7 and each t < n/2, on every field
 * implementation: 2^61-1, the two-limb field that kappa = 30 selects, and BigInteger arithmetic on the same prime.
 */
class EngineOperationsTest {

    /** How the field a type selects is implemented in a test run. */
    enum Arithmetic {
        /** The field {@link SecureIntType#selectField} returns: two limbs for kappa = 30. */
        SELECTED,
        /** The same prime on BigInteger. */
        BIG_INTEGER;

        PrimeField<?> field(SecureIntType type, int n, int t) {
            PrimeField<?> selected = type.selectField(n, t);
            return this == SELECTED ? selected : new BigPrimeField(selected.modulus());
        }
    }

    static Stream<Arguments> groups() {
        return Stream.of(Arguments.of(3, 1), Arguments.of(4, 1), Arguments.of(5, 1), Arguments.of(5, 2),
                Arguments.of(7, 1), Arguments.of(7, 2), Arguments.of(7, 3));
    }

    static Stream<Arguments> groupsAndArithmetic() {
        return groups().flatMap(g -> Stream.of(Arithmetic.values())
                .map(a -> Arguments.of(g.get()[0], g.get()[1], a)));
    }

    /** Pairs (x[k], y[k]) covering every combination of the edge values plus random ones. */
    static long[][] operands(SecureIntType type, int randomCount, long seed) {
        long[] edges = {0, 1, -1, type.min(), type.max(), type.min() + 1, type.max() - 1};
        int e = edges.length;
        long[] x = new long[e * e + randomCount];
        long[] y = new long[x.length];
        for (int i = 0; i < e; i++) {
            for (int j = 0; j < e; j++) {
                x[i * e + j] = edges[i];
                y[i * e + j] = edges[j];
            }
        }
        Random random = new Random(seed);
        for (int k = e * e; k < x.length; k++) {
            x[k] = type.min() + (long) (random.nextDouble() * ((double) type.max() - type.min()));
            y[k] = k % 3 == 0 ? x[k] : type.min() + (long) (random.nextDouble() * ((double) type.max() - type.min()));
        }
        return new long[][] {x, y};
    }

    @ParameterizedTest(name = "n={0}, t={1}, {2}")
    @MethodSource("groupsAndArithmetic")
    void everyOperationMatchesPlaintextFor32BitIntegers(int n, int t, Arithmetic arithmetic) throws Exception {
        SecureIntType int32 = SecureIntType.int32();
        assertTrue(int32.selectField(n, t) instanceof TwoLimbField, "kappa = 30 fits two limbs");
        checkAll(n, t, int32, arithmetic.field(int32, n, t));
    }

    @ParameterizedTest(name = "n={0}, t={1}")
    @MethodSource("groups")
    void comparisonsOnTheMersenneFieldMatchPlaintext(int n, int t) throws Exception {
        // the largest kappa that keeps 32-bit comparisons inside 2^61-1 for this (n, t)
        int kappa = 61 - 32 - 3 - (SecureIntTypeBits.keyBits(n, t));
        SecureIntType fast = new SecureIntType(32, kappa);
        assertEquals(Mersenne61Field.instance(), fast.selectField(n, t));
        checkAll(n, t, fast, fast.selectField(n, t));
    }

    @ParameterizedTest(name = "n={0}, t={1}, {2}")
    @MethodSource("groupsAndArithmetic")
    void comparisonsOf64BitIntegersUseALargeFieldAndMatchPlaintext(int n, int t, Arithmetic arithmetic)
            throws Exception {
        SecureIntType int64 = SecureIntType.int64();
        assertTrue(int64.selectField(n, t) instanceof TwoLimbField, "64-bit integers at kappa = 30 fit two limbs");
        long[][] xy = operands(int64, 8, 64);
        List<long[]> results = LocalParties.run(n, t, int64, arithmetic.field(int64, n, t), engine -> {
            Shares<Object> x = engine.input(1, engine.self() == 1 ? xy[0] : null, xy[0].length);
            Shares<Object> y = engine.input(n, engine.self() == n ? xy[1] : null, xy[1].length);
            return engine.open(engine.concat(engine.lessThan(x, y), engine.equal(x, y), engine.sub(x, x)));
        });
        int m = xy[0].length;
        for (long[] r : results) {
            for (int k = 0; k < m; k++) {
                assertEquals(xy[0][k] < xy[1][k] ? 1 : 0, r[k], "lt " + xy[0][k] + " " + xy[1][k]);
                assertEquals(xy[0][k] == xy[1][k] ? 1 : 0, r[m + k], "eq " + xy[0][k] + " " + xy[1][k]);
                assertEquals(0, r[2 * m + k]);
            }
        }
    }

    private static void checkAll(int n, int t, SecureIntType type, PrimeField<?> field) throws Exception {
        long[][] xy = operands(type, 20, n * 10L + t);
        long[] x = xy[0];
        long[] y = xy[1];
        int m = x.length;
        List<long[]> results = LocalParties.run(n, t, type, field, engine -> {
            assertEquals(field, engine.field());
            int me = engine.self();
            Shares<Object> sx = engine.input(1, me == 1 ? x : null, m);
            Shares<Object> sy = engine.input(n, me == n ? y : null, m);
            Shares<Object> sum = engine.add(sx, sy);
            Shares<Object> diff = engine.sub(sx, sy);
            Shares<Object> prod = engine.mul(sx, sy);
            Shares<Object> scaled = engine.addConstant(engine.scale(sx, -3), 7);
            Shares<Object> lt = engine.lessThan(sx, sy);
            Shares<Object> eq = engine.equal(sx, sy);
            Shares<Object> ltz = engine.lessThanZero(sx, type.bits());
            Shares<Object> sel = engine.select(lt, sx, sy);
            long[] opened = engine.open(engine.concat(sum, diff, prod, scaled, lt, eq, ltz, sel));
            Optional<long[]> mine = engine.openTo(2, sx);
            assertEquals(me == 2, mine.isPresent(), "openTo reaches exactly its target");
            mine.ifPresent(v -> assertArrayEquals(x, v));
            boolean[] zero = engine.isZeroPublic(engine.concat(engine.sub(sx, sx), engine.constant(5)));
            for (int k = 0; k < m; k++) {
                assertTrue(zero[k], "x - x is zero");
            }
            assertTrue(!zero[m], "5 is not zero");
            return opened;
        });
        java.math.BigInteger p = field.modulus();
        for (long[] r : results) {
            for (int k = 0; k < m; k++) {
                String at = " for x=" + x[k] + ", y=" + y[k];
                assertEquals(x[k] + y[k], r[k], "add" + at);
                assertEquals(x[k] - y[k], r[m + k], "sub" + at);
                if (Math.multiplyHigh(x[k], y[k]) == 0 && x[k] * y[k] >= 0 || p.bitLength() > 64) {
                    long expected = java.math.BigInteger.valueOf(x[k]).multiply(java.math.BigInteger.valueOf(y[k]))
                            .add(p.shiftRight(1)).mod(p).subtract(p.shiftRight(1)).longValue();
                    assertEquals(expected, r[2 * m + k], "mul" + at);
                }
                assertEquals(-3 * x[k] + 7, r[3 * m + k], "scale" + at);
                assertEquals(x[k] < y[k] ? 1 : 0, r[4 * m + k], "lessThan" + at);
                assertEquals(x[k] == y[k] ? 1 : 0, r[5 * m + k], "equal" + at);
                assertEquals(x[k] < 0 ? 1 : 0, r[6 * m + k], "lessThanZero" + at);
                assertEquals(x[k] < y[k] ? x[k] : y[k], r[7 * m + k], "select" + at);
            }
        }
    }

    @ParameterizedTest(name = "n={0}, t={1}")
    @MethodSource("groups")
    void randomBitsAreBitsAndBothValuesOccurWithEitherProtocol(int n, int t) throws Exception {
        // 400 bits: square roots; 4000 bits: XOR of PRSS bits where C(n,t) <= 4 (n = 3; n = 4, t = 1)
        int small = 400;
        int large = 4000;
        assertTrue(small < MpcEngine.XOR_BITS_MIN_BATCH && large >= MpcEngine.XOR_BITS_MIN_BATCH);
        List<long[]> results = LocalParties.run(n, t, SecureIntType.int32(), engine -> {
            long before = engine.stats().rounds();
            Shares<Object> a = engine.randomBits(small);
            long squareRootRounds = engine.stats().rounds() - before;
            Shares<Object> b = engine.randomBits(large);
            long largeRounds = engine.stats().rounds() - before - squareRootRounds;
            boolean xor = SecureIntTypeBits.binomial(n, t).intValueExact() <= MpcEngine.XOR_BITS_MAX_KEYS;
            assertEquals(1, squareRootRounds, "square-root bits take one round");
            assertEquals(xor ? 2 : 1, largeRounds, "rounds for " + large + " bits");
            return engine.open(engine.concat(a, b));
        });
        for (int[] range : new int[][] {{0, small}, {small, small + large}}) {
            long ones = 0;
            for (int k = range[0]; k < range[1]; k++) {
                long bit = results.get(0)[k];
                assertTrue(bit == 0 || bit == 1, "bit value " + bit);
                ones += bit;
            }
            // fair bits: outside mean +- 10 standard deviations has probability below 1e-20
            double mean = (range[1] - range[0]) / 2.0;
            double tenSigma = 10 * Math.sqrt((range[1] - range[0]) / 4.0);
            assertTrue(Math.abs(ones - mean) < tenSigma, ones + " ones in " + (range[1] - range[0]));
        }
        for (long[] r : results) {
            assertArrayEquals(results.get(0), r, "every party opens the same bits");
        }
    }

    @ParameterizedTest(name = "n={0}, t={1}")
    @MethodSource("groups")
    void productAndOpenToOwnersMatchPlaintext(int n, int t) throws Exception {
        List<long[]> results = LocalParties.run(n, t, SecureIntType.int32(), engine -> {
            Shares<Object> a = engine.constant(2, -3, 5);
            Shares<Object> b = engine.constant(7, 11, -13);
            Shares<Object> c = engine.constant(1, 2, 3);
            long[] product = engine.open(engine.product(List.of(a, b, c)));
            int[] owners = new int[n];
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                owners[i] = n - i;
                values[i] = 100 + i;
            }
            long[] mine = engine.openToOwners(engine.constant(values), owners);
            assertArrayEquals(new long[] {100 + n - engine.self()}, mine);
            return product;
        });
        for (long[] r : results) {
            assertArrayEquals(new long[] {14, -66, -195}, r);
        }
    }
}
