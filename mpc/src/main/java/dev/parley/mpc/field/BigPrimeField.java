package dev.parley.mpc.field;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A prime field of any size on {@link BigInteger}, for secure integers whose comparisons need more than the 127 bits
 * {@link TwoLimbField} offers, and the reference the fast fields are tested against. Only Blum primes (p = 3 mod 4) are accepted, so random bits need one exponentiation.
 * Immutable and thread-safe.
 */
public final class BigPrimeField implements PrimeField<BigInteger[]> {

    private static final BigInteger FOUR = BigInteger.valueOf(4);
    private static final BigInteger THREE = BigInteger.valueOf(3);
    private final BigInteger p;
    private final BigInteger half;
    private final BigInteger invSqrtExponent;
    private final int bitLength;
    private final int elementBytes;

    /**
     * @throws IllegalArgumentException if p is not a probable prime congruent to 3 mod 4
     */
    public BigPrimeField(BigInteger p) {
        if (p.signum() <= 0 || !p.mod(FOUR).equals(THREE) || !p.isProbablePrime(128)) {
            throw new IllegalArgumentException("modulus must be a prime congruent to 3 mod 4, got " + p);
        }
        this.p = p;
        this.half = p.shiftRight(1);
        this.invSqrtExponent = p.subtract(THREE).shiftRight(2);
        this.bitLength = p.bitLength();
        this.elementBytes = (bitLength + 7) / 8;
    }

    /** The largest prime below 2^bits that is 3 mod 4: deterministic, so every party derives the same field. */
    public static BigPrimeField largestBlumPrimeBelow(int bits) {
        if (bits < 8 || bits > 4096) {
            throw new IllegalArgumentException("bits must be in [8, 4096], got " + bits);
        }
        BigInteger candidate = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE); // = 3 mod 4
        while (!candidate.isProbablePrime(128)) {
            candidate = candidate.subtract(FOUR);
        }
        return new BigPrimeField(candidate);
    }

    @Override
    public BigInteger modulus() {
        return p;
    }

    @Override
    public int bitLength() {
        return bitLength;
    }

    @Override
    public int elementBytes() {
        return elementBytes;
    }

    @Override
    public BigInteger[] newVector(int length) {
        BigInteger[] v = new BigInteger[length];
        Arrays.fill(v, BigInteger.ZERO);
        return v;
    }

    @Override
    public int length(BigInteger[] v) {
        return v.length;
    }

    @Override
    public void copy(BigInteger[] src, int srcPos, BigInteger[] dst, int dstPos, int count) {
        System.arraycopy(src, srcPos, dst, dstPos, count);
    }

    @Override
    public BigInteger[] fromSigned(long[] values) {
        BigInteger[] out = new BigInteger[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = BigInteger.valueOf(values[i]).mod(p);
        }
        return out;
    }

    @Override
    public long[] toSigned(BigInteger[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            BigInteger x = v[i].compareTo(half) > 0 ? v[i].subtract(p) : v[i];
            out[i] = x.longValueExact();
        }
        return out;
    }

    @Override
    public BigInteger get(BigInteger[] v, int i) {
        return v[i];
    }

    @Override
    public void add(BigInteger[] a, BigInteger[] b, BigInteger[] out) {
        for (int i = 0; i < out.length; i++) {
            BigInteger s = a[i].add(b[i]);
            out[i] = s.compareTo(p) >= 0 ? s.subtract(p) : s;
        }
    }

    @Override
    public void sub(BigInteger[] a, BigInteger[] b, BigInteger[] out) {
        for (int i = 0; i < out.length; i++) {
            BigInteger s = a[i].subtract(b[i]);
            out[i] = s.signum() < 0 ? s.add(p) : s;
        }
    }

    @Override
    public void mul(BigInteger[] a, BigInteger[] b, BigInteger[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i].multiply(b[i]).mod(p);
        }
    }

    @Override
    public void scale(BigInteger[] a, BigInteger c, BigInteger[] out) {
        BigInteger k = c.mod(p);
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i].multiply(k).mod(p);
        }
    }

    @Override
    public void addScaled(BigInteger[] acc, BigInteger c, BigInteger[] x) {
        BigInteger k = c.mod(p);
        for (int i = 0; i < acc.length; i++) {
            acc[i] = acc[i].add(x[i].multiply(k)).mod(p);
        }
    }

    @Override
    public void addConstant(BigInteger[] a, BigInteger c, BigInteger[] out) {
        BigInteger k = c.mod(p);
        for (int i = 0; i < out.length; i++) {
            BigInteger s = a[i].add(k);
            out[i] = s.compareTo(p) >= 0 ? s.subtract(p) : s;
        }
    }

    @Override
    public BigInteger sum(BigInteger[] a) {
        BigInteger s = BigInteger.ZERO;
        for (BigInteger x : a) {
            s = s.add(x);
        }
        return s.mod(p);
    }

    @Override
    public boolean isZero(BigInteger[] v, int i) {
        return v[i].signum() == 0;
    }

    @Override
    public void bit(BigInteger[] c, int i, BigInteger[] out) {
        for (int k = 0; k < out.length; k++) {
            out[k] = c[k].testBit(i) ? BigInteger.ONE : BigInteger.ZERO;
        }
    }

    @Override
    public void lowBits(BigInteger[] c, int bits, BigInteger[] out) {
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        for (int k = 0; k < out.length; k++) {
            out[k] = c[k].and(mask);
        }
    }

    @Override
    public void uniform(BigInteger[] out, ByteStream source) {
        for (int i = 0; i < out.length; i++) {
            BigInteger x;
            do {
                x = draw(source, bitLength);
            } while (x.compareTo(p) >= 0);
            out[i] = x;
        }
    }

    @Override
    public void uniformBelow(BigInteger[] out, int bits, ByteStream source) {
        if (bits < 1 || bits >= bitLength - 1) {
            throw new IllegalArgumentException("bits must be in [1, " + (bitLength - 2) + "], got " + bits);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = draw(source, bits);
        }
    }

    private static BigInteger draw(ByteStream source, int bits) {
        byte[] buf = new byte[(bits + 7) / 8];
        source.next(buf, 0, buf.length);
        int excess = buf.length * 8 - bits;
        buf[0] &= (byte) (0xFF >>> excess);
        return new BigInteger(1, buf);
    }

    @Override
    public void inverseSquareRootUpToSign(BigInteger[] y, BigInteger[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = y[i].modPow(invSqrtExponent, p);
        }
    }

    @Override
    public void encode(BigInteger[] v, int from, int count, byte[] dst, int off) {
        for (int i = 0; i < count; i++) {
            byte[] raw = v[from + i].toByteArray(); // big-endian, may carry a leading sign byte
            int len = Math.min(raw.length, elementBytes);
            int base = off + i * elementBytes;
            Arrays.fill(dst, base, base + elementBytes - len, (byte) 0);
            System.arraycopy(raw, raw.length - len, dst, base + elementBytes - len, len);
        }
    }

    @Override
    public void decode(byte[] src, int off, int count, BigInteger[] out, int outFrom) {
        for (int i = 0; i < count; i++) {
            BigInteger x = new BigInteger(1, src, off + i * elementBytes, elementBytes);
            if (x.compareTo(p) >= 0) {
                throw new IllegalArgumentException("element " + i + " is not below the modulus");
            }
            out[outFrom + i] = x;
        }
    }

    @Override
    public String toString() {
        return "GF(p), p of " + bitLength + " bits";
    }
}
