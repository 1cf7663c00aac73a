package dev.parley.mpc.field;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * The field of the Mersenne prime p = 2^61 - 1 on primitive {@code long} arithmetic: products are reduced with
 * {@link Math#multiplyHigh} and two folds of 61 bits, no division. p = 3 mod 4, so square roots are one exponentiation.
 * Stateless and thread-safe.
 */
public final class Mersenne61Field implements PrimeField<long[]> {

    /** 2^61 - 1. */
    public static final long P = (1L << 61) - 1;
    private static final BigInteger P_BIG = BigInteger.valueOf(P);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final Mersenne61Field INSTANCE = new Mersenne61Field();

    private Mersenne61Field() {
    }

    public static Mersenne61Field instance() {
        return INSTANCE;
    }

    /** a * b mod p for canonical a, b. */
    public static long mul(long a, long b) {
        long lo = a * b;
        long hi = Math.multiplyHigh(a, b);
        long s = (lo & P) + ((hi << 3) | (lo >>> 61));
        s = (s & P) + (s >>> 61);
        return s >= P ? s - P : s;
    }

    /** a + b mod p for canonical a, b. */
    public static long add(long a, long b) {
        long s = a + b;
        return s >= P ? s - P : s;
    }

    /** a - b mod p for canonical a, b. */
    public static long sub(long a, long b) {
        long s = a - b;
        return s < 0 ? s + P : s;
    }

    /** The canonical element congruent to any long. */
    public static long reduce(long v) {
        long r = v % P;
        return r < 0 ? r + P : r;
    }

    /** a^e mod p for e >= 0. */
    public static long pow(long a, long e) {
        long result = 1;
        long base = a;
        while (e > 0) {
            if ((e & 1) != 0) {
                result = mul(result, base);
            }
            base = mul(base, base);
            e >>>= 1;
        }
        return result;
    }

    @Override
    public BigInteger modulus() {
        return P_BIG;
    }

    @Override
    public int bitLength() {
        return 61;
    }

    @Override
    public int elementBytes() {
        return 8;
    }

    @Override
    public long[] newVector(int length) {
        return new long[length];
    }

    @Override
    public int length(long[] v) {
        return v.length;
    }

    @Override
    public void copy(long[] src, int srcPos, long[] dst, int dstPos, int count) {
        System.arraycopy(src, srcPos, dst, dstPos, count);
    }

    @Override
    public long[] fromSigned(long[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = reduce(values[i]);
        }
        return out;
    }

    @Override
    public long[] toSigned(long[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] > P / 2 ? v[i] - P : v[i];
        }
        return out;
    }

    @Override
    public BigInteger get(long[] v, int i) {
        return BigInteger.valueOf(v[i]);
    }

    private static long small(BigInteger c) {
        return c.mod(P_BIG).longValue();
    }

    @Override
    public void add(long[] a, long[] b, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = add(a[i], b[i]);
        }
    }

    @Override
    public void sub(long[] a, long[] b, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = sub(a[i], b[i]);
        }
    }

    @Override
    public void mul(long[] a, long[] b, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = mul(a[i], b[i]);
        }
    }

    @Override
    public void scale(long[] a, BigInteger c, long[] out) {
        long k = small(c);
        for (int i = 0; i < out.length; i++) {
            out[i] = mul(a[i], k);
        }
    }

    @Override
    public void addScaled(long[] acc, BigInteger c, long[] x) {
        long k = small(c);
        for (int i = 0; i < acc.length; i++) {
            acc[i] = add(acc[i], mul(x[i], k));
        }
    }

    @Override
    public void addConstant(long[] a, BigInteger c, long[] out) {
        long k = small(c);
        for (int i = 0; i < out.length; i++) {
            out[i] = add(a[i], k);
        }
    }

    @Override
    public BigInteger sum(long[] a) {
        long s = 0;
        for (long x : a) {
            s = add(s, x);
        }
        return BigInteger.valueOf(s);
    }

    @Override
    public boolean isZero(long[] v, int i) {
        return v[i] == 0;
    }

    @Override
    public void bit(long[] c, int i, long[] out) {
        for (int k = 0; k < out.length; k++) {
            out[k] = (c[k] >>> i) & 1;
        }
    }

    @Override
    public void lowBits(long[] c, int bits, long[] out) {
        long mask = (1L << bits) - 1;
        for (int k = 0; k < out.length; k++) {
            out[k] = c[k] & mask;
        }
    }

    @Override
    public void uniform(long[] out, ByteStream source) {
        fill(out, source, P);
        for (int i = 0; i < out.length; i++) {
            // only the value p itself is out of range: resample it (probability 2^-61 per element)
            while (out[i] == P) {
                out[i] = nextMasked(source, P);
            }
        }
    }

    @Override
    public void uniformBelow(long[] out, int bits, ByteStream source) {
        if (bits < 1 || bits >= 60) {
            throw new IllegalArgumentException("bits must be in [1, 59] for the 61-bit field, got " + bits);
        }
        fill(out, source, (1L << bits) - 1);
    }

    private static void fill(long[] out, ByteStream source, long mask) {
        byte[] buf = new byte[out.length * 8];
        source.next(buf, 0, buf.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) LONGS.get(buf, i * 8) & mask;
        }
    }

    private static long nextMasked(ByteStream source, long mask) {
        byte[] one = new byte[8];
        source.next(one, 0, 8);
        return (long) LONGS.get(one, 0) & mask;
    }

    @Override
    public void inverseSquareRootUpToSign(long[] y, long[] out) {
        // (p-3)/4 = 2^59 - 1: 58 rounds of square-and-multiply
        for (int i = 0; i < out.length; i++) {
            long x = y[i];
            long r = x;
            for (int k = 0; k < 58; k++) {
                r = mul(mul(r, r), x);
            }
            out[i] = r;
        }
    }

    @Override
    public void encode(long[] v, int from, int count, byte[] dst, int off) {
        for (int i = 0; i < count; i++) {
            LONGS.set(dst, off + i * 8, v[from + i]);
        }
    }

    @Override
    public void decode(byte[] src, int off, int count, long[] out, int outFrom) {
        for (int i = 0; i < count; i++) {
            long x = (long) LONGS.get(src, off + i * 8);
            if (x < 0 || x >= P) {
                throw new IllegalArgumentException("element " + i + " is not below 2^61-1");
            }
            out[outFrom + i] = x;
        }
    }

    @Override
    public String toString() {
        return "GF(2^61-1)";
    }
}
