package dev.parley.mpc.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The field implementations against BigInteger arithmetic, on edge and random elements, and the field choice. */
class FieldArithmeticTest {

    private static final BigInteger P61 = BigInteger.ONE.shiftLeft(61).subtract(BigInteger.ONE);

    @Test
    void mersenneArithmeticMatchesBigInteger() {
        long p = Mersenne61Field.P;
        long[] edge = {0, 1, 2, p - 1, p - 2, p / 2, p / 2 + 1, 1L << 60, (1L << 60) - 1, 1L << 32};
        Random random = new Random(61);
        long[] values = new long[edge.length + 2000];
        System.arraycopy(edge, 0, values, 0, edge.length);
        for (int i = edge.length; i < values.length; i++) {
            values[i] = Math.floorMod(random.nextLong(), p);
        }
        int checked = 0;
        for (int i = 0; i < values.length; i++) {
            long a = values[i];
            long b = values[(i * 7 + 3) % values.length];
            BigInteger ba = BigInteger.valueOf(a);
            BigInteger bb = BigInteger.valueOf(b);
            assertEquals(ba.multiply(bb).mod(P61).longValue(), Mersenne61Field.mul(a, b), a + "*" + b);
            assertEquals(ba.add(bb).mod(P61).longValue(), Mersenne61Field.add(a, b), a + "+" + b);
            assertEquals(ba.subtract(bb).mod(P61).longValue(), Mersenne61Field.sub(a, b), a + "-" + b);
            checked++;
        }
        for (long e : edge) {
            for (long f : edge) {
                assertEquals(BigInteger.valueOf(e).multiply(BigInteger.valueOf(f)).mod(P61).longValue(),
                        Mersenne61Field.mul(e, f));
                checked++;
            }
        }
        assertEquals(values.length + edge.length * edge.length, checked);
        assertEquals(P61.subtract(BigInteger.ONE).longValue(), Mersenne61Field.reduce(-1));
        assertEquals(5, Mersenne61Field.reduce(Mersenne61Field.P + 5));
    }

    @Test
    void bothFieldsTurnSquaresIntoSignsAndRoundTripTheirEncoding() {
        checkField(Mersenne61Field.instance());
        checkField(TwoLimbField.largestBlumPrimeBelow(67));
        checkField(TwoLimbField.largestBlumPrimeBelow(127));
        checkField(BigPrimeField.largestBlumPrimeBelow(99));
    }

    private static <V> void checkField(PrimeField<V> f) {
        long[] plain = {0, 1, -1, 12345, -98765, Long.MAX_VALUE >> 4, Long.MIN_VALUE >> 4};
        V v = f.fromSigned(plain);
        assertEquals(java.util.Arrays.toString(plain), java.util.Arrays.toString(f.toSigned(v)));
        byte[] wire = new byte[plain.length * f.elementBytes()];
        f.encode(v, 0, plain.length, wire, 0);
        V back = f.newVector(plain.length);
        f.decode(wire, 0, plain.length, back, 0);
        assertEquals(java.util.Arrays.toString(plain), java.util.Arrays.toString(f.toSigned(back)));
        // r * (r^2)^((p-3)/4) = +-1
        V r = f.fromSigned(new long[] {2, 3, -7, 1L << 40});
        V sq = f.newVector(4);
        f.mul(r, r, sq);
        V u = f.newVector(4);
        f.inverseSquareRootUpToSign(sq, u);
        f.mul(u, r, u);
        for (long s : f.toSigned(u)) {
            assertTrue(s == 1 || s == -1, "sign " + s);
        }
        // a value equal to p is rejected on decode
        byte[] bad = new byte[f.elementBytes()];
        V pv = f.newVector(1);
        byte[] pBytes = f.modulus().toByteArray();
        switch (f) {
            case Mersenne61Field m ->
                    java.nio.ByteBuffer.wrap(bad).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(Mersenne61Field.P);
            case TwoLimbField t -> {
                for (int b = 0; b < bad.length; b++) {
                    bad[b] = pBytes[pBytes.length - 1 - b];
                }
            }
            case BigPrimeField b -> System.arraycopy(pBytes, pBytes.length - bad.length, bad, 0, bad.length);
        }
        assertThrows(IllegalArgumentException.class, () -> f.decode(bad, 0, 1, pv, 0));
    }

    @Test
    void fieldSelectionFollowsComparisonHeadroom() {
        // l + kappa + ceil(log2 C(n,t)) + 3
        assertEquals(32 + 30 + 2 + 3, SecureIntType.int32().requiredFieldBits(3, 1));
        assertEquals(64 + 30 + 6 + 3, SecureIntType.int64().requiredFieldBits(7, 3));
        assertEquals(Mersenne61Field.instance(), new SecureIntType(32, 24).selectField(3, 1));
        // kappa = 30: 32-bit integers on two longs for every n up to 9 (71 bits at most) and beyond
        for (int n = 3; n <= 9; n++) {
            for (int t = 1; 2 * t < n; t++) {
                PrimeField<?> int32 = SecureIntType.int32().selectField(n, t);
                assertTrue(int32 instanceof TwoLimbField, n + "," + t + ": " + int32);
                assertEquals(SecureIntType.int32().requiredFieldBits(n, t), int32.bitLength());
                assertTrue(SecureIntType.int64().selectField(n, t) instanceof TwoLimbField);
            }
        }
        assertEquals(67, SecureIntType.int32().selectField(3, 1).bitLength());
        assertEquals(99, SecureIntType.int64().selectField(3, 1).bitLength());
        // just above 61 bits the two-limb field starts at 65 bits; above 127 bits only BigInteger remains
        assertEquals(65, new SecureIntType(32, 25).selectField(3, 1).bitLength());
        assertEquals(127, new SecureIntType(64, 58).selectField(3, 1).bitLength());
        assertTrue(new SecureIntType(64, 59).selectField(3, 1) instanceof BigPrimeField);
        BigPrimeField big = BigPrimeField.largestBlumPrimeBelow(67);
        assertEquals(67, big.bitLength());
        assertEquals(3, big.modulus().mod(BigInteger.valueOf(4)).intValue());
        assertThrows(IllegalArgumentException.class, () -> new BigPrimeField(BigInteger.valueOf(13)));
    }
}
