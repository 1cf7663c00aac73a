package dev.parley.mpc.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two-limb field against BigInteger arithmetic for every bit length it accepts, on edge values (0, 1, p-1, p-2,
 * (p±1)/2, values around 2^63, 2^64, 2^126 and 2^(k-1)) and random ones.
 */
class TwoLimbFieldTest {

    private static final int RANDOM = 100;

    static IntStream bitLengths() {
        return IntStream.rangeClosed(TwoLimbField.MIN_BITS, TwoLimbField.MAX_BITS);
    }

    private static List<BigInteger> operands(BigInteger p, long seed) {
        BigInteger one = BigInteger.ONE;
        List<BigInteger> candidates = new ArrayList<>(List.of(BigInteger.ZERO, one, BigInteger.TWO,
                p.subtract(one), p.subtract(BigInteger.TWO), p.shiftRight(1), p.shiftRight(1).add(one),
                p.subtract(BigInteger.valueOf(0x1_0000_0000L)), p.subtract(one.shiftLeft(63))));
        for (int e : new int[] {32, 63, 64, 65, 96, 126, p.bitLength() - 1, p.bitLength() - 2}) {
            BigInteger pow = one.shiftLeft(e);
            candidates.addAll(List.of(pow.subtract(one), pow, pow.add(one)));
        }
        List<BigInteger> out = new ArrayList<>();
        for (BigInteger x : candidates) {
            if (x.signum() >= 0 && x.compareTo(p) < 0 && !out.contains(x)) {
                out.add(x);
            }
        }
        Random random = new Random(seed);
        for (int i = 0; i < RANDOM; i++) {
            out.add(new BigInteger(p.bitLength(), random).mod(p));
        }
        return out;
    }

    private static long[] vector(TwoLimbField f, List<BigInteger> xs) {
        long[] v = f.newVector(xs.size());
        for (int i = 0; i < xs.size(); i++) {
            v[2 * i] = xs.get(i).longValue();
            v[2 * i + 1] = xs.get(i).shiftRight(64).longValue();
        }
        return v;
    }

    private static void assertElements(TwoLimbField f, List<BigInteger> expected, long[] actual, String what) {
        assertEquals(expected.size(), f.length(actual), what + ": length");
        for (int i = 0; i < expected.size(); i++) {
            int at = i;
            assertEquals(expected.get(i), f.get(actual, i), () -> what + " at " + at);
        }
    }

    @ParameterizedTest(name = "{0}-bit modulus")
    @MethodSource("bitLengths")
    void arithmeticMatchesBigInteger(int bits) {
        TwoLimbField f = TwoLimbField.largestBlumPrimeBelow(bits);
        BigInteger p = f.modulus();
        assertEquals(BigPrimeField.largestBlumPrimeBelow(bits).modulus(), p, "same prime as the BigInteger field");
        assertEquals(bits, f.bitLength());
        List<BigInteger> as = operands(p, bits);
        // every operand against every edge operand and a shifted copy of the random ones
        List<BigInteger> left = new ArrayList<>();
        List<BigInteger> right = new ArrayList<>();
        for (BigInteger a : as) {
            for (int j = 0; j < as.size() - RANDOM; j++) {
                left.add(a);
                right.add(as.get(j));
            }
        }
        for (int i = 0; i < as.size(); i++) {
            left.add(as.get(i));
            right.add(as.get((i * 7 + 3) % as.size()));
        }
        long[] a = vector(f, left);
        long[] b = vector(f, right);
        long[] out = f.newVector(left.size());
        List<BigInteger> expected = new ArrayList<>();

        f.mul(a, b, out);
        left.forEach(x -> expected.add(x.multiply(right.get(expected.size())).mod(p)));
        assertElements(f, expected, out, "mul");
        expected.clear();
        f.add(a, b, out);
        left.forEach(x -> expected.add(x.add(right.get(expected.size())).mod(p)));
        assertElements(f, expected, out, "add");
        expected.clear();
        f.sub(a, b, out);
        left.forEach(x -> expected.add(x.subtract(right.get(expected.size())).mod(p)));
        assertElements(f, expected, out, "sub");

        // small multipliers (|m| < 2^32, positive or negative) take a shorter path than general constants
        BigInteger below32 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
        for (BigInteger constant : List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(-1),
                p.shiftRight(1), BigInteger.ONE.shiftLeft(bits - 1), p.add(BigInteger.TWO), BigInteger.TWO,
                BigInteger.valueOf(3), BigInteger.valueOf(-3), below32, below32.negate(), below32.add(BigInteger.ONE),
                below32.add(BigInteger.ONE).negate())) {
            BigInteger k = constant.mod(p);
            f.scale(a, constant, out);
            assertElements(f, left.stream().map(x -> x.multiply(k).mod(p)).toList(), out, "scale by " + constant);
            f.addConstant(a, constant, out);
            assertElements(f, left.stream().map(x -> x.add(k).mod(p)).toList(), out, "add " + constant);
            long[] acc = b.clone();
            f.addScaled(acc, constant, a);
            expected.clear();
            right.forEach(y -> expected.add(y.add(left.get(expected.size()).multiply(k)).mod(p)));
            assertElements(f, expected, acc, "addScaled " + constant);
        }
        assertEquals(left.stream().reduce(BigInteger.ZERO, BigInteger::add).mod(p), f.sum(a), "sum");

        // aliasing: out == a
        long[] aliased = a.clone();
        f.mul(aliased, b, aliased);
        f.mul(a, b, out);
        assertArrayEquals(out, aliased, "mul with out aliasing an input");
    }

    @ParameterizedTest(name = "{0}-bit modulus")
    @MethodSource("bitLengths")
    void squareRootStepBitsAndEncodingMatchBigInteger(int bits) {
        TwoLimbField f = TwoLimbField.largestBlumPrimeBelow(bits);
        BigInteger p = f.modulus();
        List<BigInteger> xs = operands(p, 1000 + bits);
        long[] v = vector(f, xs);

        long[] root = f.newVector(xs.size());
        f.inverseSquareRootUpToSign(v, root);
        BigInteger exponent = p.subtract(BigInteger.valueOf(3)).shiftRight(2);
        assertElements(f, xs.stream().map(x -> x.modPow(exponent, p)).toList(), root, "y^((p-3)/4)");

        long[] out = f.newVector(xs.size());
        for (int i : IntStream.of(0, 1, 31, 63, 64, 65, bits - 1).filter(i -> i < bits).toArray()) {
            f.bit(v, i, out);
            assertElements(f, xs.stream().map(x -> x.testBit(i) ? BigInteger.ONE : BigInteger.ZERO).toList(), out,
                    "bit " + i);
        }
        for (int l : IntStream.of(1, 33, 63, 64, 65, bits - 1).filter(l -> l < bits).toArray()) {
            BigInteger mask = BigInteger.ONE.shiftLeft(l).subtract(BigInteger.ONE);
            f.lowBits(v, l, out);
            assertElements(f, xs.stream().map(x -> x.and(mask)).toList(), out, "low " + l + " bits");
        }

        byte[] wire = new byte[xs.size() * f.elementBytes()];
        assertEquals((bits + 7) / 8, f.elementBytes());
        f.encode(v, 0, xs.size(), wire, 0);
        for (int i = 0; i < xs.size(); i++) {
            // little-endian on the wire, the reference reads big-endian: compare byte-reversed
            byte[] one = new byte[f.elementBytes()];
            for (int b = 0; b < one.length; b++) {
                one[b] = wire[i * one.length + one.length - 1 - b];
            }
            assertEquals(xs.get(i), new BigInteger(1, one), "encoding of element " + i);
        }
        long[] back = f.newVector(xs.size());
        f.decode(wire, 0, xs.size(), back, 0);
        assertArrayEquals(v, back, "decode(encode(v)) == v");

        byte[] bad = new byte[f.elementBytes()];
        byte[] pLittle = p.toByteArray();
        for (int b = 0; b < bad.length; b++) {
            bad[b] = pLittle[pLittle.length - 1 - b];
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.decode(bad, 0, 1, f.newVector(1), 0));
        assertEquals("element 0 is not below the " + bits + "-bit modulus", e.getMessage());
        java.util.Arrays.fill(bad, (byte) 0xFF);
        assertThrows(IllegalArgumentException.class, () -> f.decode(bad, 0, 1, f.newVector(1), 0));
    }

    @ParameterizedTest(name = "{0}-bit modulus")
    @MethodSource("bitLengths")
    void signedValuesRoundTripAndOverflowIsAnError(int bits) {
        TwoLimbField f = TwoLimbField.largestBlumPrimeBelow(bits);
        long[] plain = {0, 1, -1, 2, -2, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 1L << 32, -(1L << 40)};
        long[] v = f.fromSigned(plain);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(BigInteger.valueOf(plain[i]).mod(f.modulus()), f.get(v, i), "fromSigned " + plain[i]);
        }
        assertArrayEquals(plain, f.toSigned(v));
        long[] tooLarge = f.newVector(1);
        f.addConstant(f.fromSigned(new long[] {Long.MAX_VALUE}), BigInteger.ONE, tooLarge);
        assertThrows(ArithmeticException.class, () -> f.toSigned(tooLarge));
        long[] tooSmall = f.newVector(1);
        f.addConstant(f.fromSigned(new long[] {Long.MIN_VALUE}), BigInteger.ONE.negate(), tooSmall);
        assertThrows(ArithmeticException.class, () -> f.toSigned(tooSmall));
    }

    @ParameterizedTest(name = "{0}-bit modulus")
    @MethodSource("bitLengths")
    void uniformElementsAreBelowTheModulusAndOutOfRangeDrawsAreResampled(int bits) {
        TwoLimbField f = TwoLimbField.largestBlumPrimeBelow(bits);
        // a stream whose first element's bytes are all ones (>= p once masked to k bits), then counting bytes
        int size = f.elementBytes();
        ByteStream rigged = new ByteStream() {
            private int position;

            @Override
            public void next(byte[] dst, int off, int len) {
                for (int i = 0; i < len; i++, position++) {
                    dst[off + i] = position < size ? (byte) 0xFF : (byte) position;
                }
            }
        };
        long[] out = f.newVector(3);
        f.uniform(out, rigged);
        // elements 1 and 2 took the next 2 * size bytes; element 0 was resampled from the size bytes after those
        for (int e = 0; e < 3; e++) {
            int start = e == 0 ? 3 * size : e * size;
            byte[] be = new byte[size];
            for (int b = 0; b < size; b++) {
                be[size - 1 - b] = (byte) (start + b);
            }
            BigInteger expected = new BigInteger(1, be).and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
            assertEquals(expected, f.get(out, e), "element " + e);
        }

        ByteStream random = new dev.parley.mpc.prss.AesCtrStream(new byte[16], bits);
        long[] many = f.newVector(2000);
        f.uniform(many, random);
        int topBitSet = 0;
        for (int i = 0; i < 2000; i++) {
            assertTrue(f.get(many, i).compareTo(f.modulus()) < 0);
            topBitSet += f.get(many, i).testBit(bits - 1) ? 1 : 0;
        }
        // p is within 2^30 of 2^k: about half the elements have the top bit; outside [800, 1200] is below 1e-18
        assertTrue(topBitSet > 800 && topBitSet < 1200, "top bit set in " + topBitSet + " of 2000");

        for (int below : IntStream.of(1, 30, 63, 64, 65, bits - 2).filter(b -> b <= bits - 2).toArray()) {
            f.uniformBelow(many, below, random);
            boolean topSeen = false;
            for (int i = 0; i < 2000; i++) {
                BigInteger x = f.get(many, i);
                assertTrue(x.bitLength() <= below, x + " has more than " + below + " bits");
                topSeen |= x.testBit(below - 1);
            }
            assertTrue(topSeen, "bit " + (below - 1) + " is used");
        }
        assertThrows(IllegalArgumentException.class, () -> f.uniformBelow(many, bits - 1, random));
    }

    @ParameterizedTest(name = "{0}-bit modulus")
    @MethodSource("bitLengths")
    void copyCountsElementsNotLongs(int bits) {
        TwoLimbField f = TwoLimbField.largestBlumPrimeBelow(bits);
        long[] v = f.fromSigned(new long[] {1, -2, 3, -4});
        long[] out = f.newVector(3);
        f.copy(v, 1, out, 1, 2);
        assertArrayEquals(new long[] {0, -2, 3}, f.toSigned(out));
    }

    @org.junit.jupiter.api.Test
    void rejectsModuliItCannotReduce() {
        BigInteger mersenne61 = BigInteger.ONE.shiftLeft(61).subtract(BigInteger.ONE);
        assertThrows(IllegalArgumentException.class, () -> new TwoLimbField(mersenne61));
        assertThrows(IllegalArgumentException.class,
                () -> new TwoLimbField(BigPrimeField.largestBlumPrimeBelow(128).modulus()));
        // a 100-bit Blum prime far below 2^100: c would not fit the fold
        BigInteger far = BigInteger.ONE.shiftLeft(99).add(BigInteger.valueOf(3));
        while (!far.isProbablePrime(64)) {
            far = far.add(BigInteger.valueOf(4));
        }
        BigInteger farPrime = far;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TwoLimbField(farPrime));
        assertTrue(e.getMessage().contains("c < 2^30"), e.getMessage());
        // 2^89 - 5 is 3 mod 4 but composite (it is divisible by 3); 2^89 - 31 is prime but 1 mod 4
        BigInteger composite = BigInteger.ONE.shiftLeft(89).subtract(BigInteger.valueOf(5));
        assertEquals(0, composite.mod(BigInteger.valueOf(3)).intValue());
        assertThrows(IllegalArgumentException.class, () -> new TwoLimbField(composite));
        BigInteger oneModFour = BigInteger.ONE.shiftLeft(89).subtract(BigInteger.valueOf(31));
        assertTrue(oneModFour.isProbablePrime(64));
        assertThrows(IllegalArgumentException.class, () -> new TwoLimbField(oneModFour));
        assertEquals("GF(2^67-49)", TwoLimbField.largestBlumPrimeBelow(67).toString());
        assertEquals("GF(2^127-1)", TwoLimbField.largestBlumPrimeBelow(127).toString());
    }
}
