package dev.parley.mpc.field;

import java.math.BigInteger;

/**
 * Signed secure integers of {@code bits} bits with statistical security {@code kappa} for comparisons, and the rule
 * that picks their field.
 *
 * <p>A comparison of two l-bit values masks their (l+1)-bit difference d with l+1 random bits and a PRSS random
 * number below C(n,t)·2^kappa (each of the C(n,t) replicated keys adds up to 2^kappa), then opens
 * {@code c = d + 2^(l+1) + r}: c must stay below p. So the field needs
 * {@code bitLength >= l + kappa + ceil(log2 C(n,t)) + 3}. The field is the fastest that holds it: 2^61-1 on one
 * {@code long}; else the largest Blum prime below 2^max(required, 65) on two {@code long}s ({@link TwoLimbField}, up to
 * 127 bits: 32-bit integers at kappa = 30, and 64-bit integers at kappa = 30 for any practical n); else the largest
 * Blum prime of the required bit length on {@link BigInteger}.
 *
 * @param bits  value range is [-2^(bits-1), 2^(bits-1)); 1..64
 * @param kappa statistical security parameter in bits (MPyC's default is 30)
 */
public record SecureIntType(int bits, int kappa) {

    /** MPyC's default statistical security parameter. */
    public static final int DEFAULT_KAPPA = 30;

    public SecureIntType {
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("bits must be in [1, 64], got " + bits);
        }
        if (kappa < 1 || kappa > 128) {
            throw new IllegalArgumentException("kappa must be in [1, 128], got " + kappa);
        }
    }

    public static SecureIntType int32() {
        return new SecureIntType(32, DEFAULT_KAPPA);
    }

    public static SecureIntType int64() {
        return new SecureIntType(64, DEFAULT_KAPPA);
    }

    /** Smallest field bit length that keeps comparisons of this type exact for n parties and threshold t. */
    public int requiredFieldBits(int parties, int threshold) {
        BigInteger keys = binomial(parties, threshold);
        int keyBits = keys.subtract(BigInteger.ONE).bitLength(); // ceil(log2 C(n,t))
        return bits + kappa + keyBits + 3;
    }

    /** The field every party derives for this type, n and t. */
    public PrimeField<?> selectField(int parties, int threshold) {
        int required = requiredFieldBits(parties, threshold);
        if (required <= Mersenne61Field.instance().bitLength()) {
            return Mersenne61Field.instance();
        }
        if (required <= TwoLimbField.MAX_BITS) {
            return TwoLimbField.largestBlumPrimeBelow(Math.max(required, TwoLimbField.MIN_BITS));
        }
        return BigPrimeField.largestBlumPrimeBelow(required);
    }

    /** Smallest value. */
    public long min() {
        return bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
    }

    /** Largest value. */
    public long max() {
        return bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
    }

    static BigInteger binomial(int n, int k) {
        BigInteger r = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            r = r.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return r;
    }

    /** Rejects a private input this type cannot hold, before it is shared. */
    public void requireInRange(long value) {
        if (value < min() || value > max()) {
            throw new IllegalArgumentException("input " + value + " is outside the " + bits + "-bit range");
        }
    }
}
