package dev.parley.mpc.field;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * A prime field for pseudo-Mersenne primes p = 2^k - c with 65 <= k <= 127 and 1 <= c < 2^30 (this covers 2^127-1 and
 * the largest Blum prime below every 2^k in that range) on primitive {@code long} arithmetic: the field that lets
 * 32-bit comparisons run at kappa = 30 and 64-bit integers run at all without {@link BigInteger}.
 *
 * <p>Vectors are {@code long[]} with two limbs per element, {@code v[2i]} the low 64 bits (unsigned) and
 * {@code v[2i+1]} the high k-64 bits, so a vector of m elements is one array of 2m longs and no objects per element.
 * Products are 128x128 -> 256-bit schoolbook multiplications with {@link Math#unsignedMultiplyHigh} and are reduced by
 * two folds at bit k using 2^k = c (mod p), then one conditional subtraction; no division. On the wire an element takes
 * ceil(k/8) bytes, little-endian.
 *
 * <p>Only Blum primes (p = 3 mod 4) are accepted, as for the other fields, so random bits need one exponentiation.
 * Immutable and thread-safe.
 */
public final class TwoLimbField implements PrimeField<long[]> {

    /** Smallest supported bit length: below it, p fits one limb. */
    public static final int MIN_BITS = 65;
    /** Largest supported bit length: two limbs leave one bit for the carry of an addition. */
    public static final int MAX_BITS = 127;
    private static final long MAX_C = 1L << 30;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final BigInteger modulus;
    private final int k;
    private final int s;          // k - 64: bits in the high limb
    private final long c;         // p = 2^k - c
    private final long hiMask;    // 2^s - 1
    private final long p0;        // low limb of p
    private final long p1;        // high limb of p
    private final long half0;     // low limb of (p-1)/2
    private final long half1;     // high limb of (p-1)/2
    private final int ones;             // (p-3)/4 = (2^ones - 1) 2^tail + tailExponent
    private final int tail;
    private final long tailExponent;
    private final int elementBytes;

    /**
     * @throws IllegalArgumentException if p is not a probable prime congruent to 3 mod 4, its bit length k is outside
     *                                  [65, 127], or 2^k - p is not below 2^30
     */
    public TwoLimbField(BigInteger p) {
        int bits = p.bitLength();
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("a two-limb field needs a modulus of " + MIN_BITS + " to " + MAX_BITS
                    + " bits, got " + bits + " bits; use Mersenne61Field or BigPrimeField");
        }
        BigInteger gap = BigInteger.ONE.shiftLeft(bits).subtract(p);
        if (gap.compareTo(BigInteger.valueOf(MAX_C)) >= 0) {
            throw new IllegalArgumentException("modulus must be 2^k - c with c < 2^30 for the two-fold reduction, got c = "
                    + gap + "; use BigPrimeField");
        }
        if (!p.testBit(0) || !p.testBit(1) || !p.isProbablePrime(128)) {
            throw new IllegalArgumentException("modulus must be a prime congruent to 3 mod 4, got " + p);
        }
        this.modulus = p;
        this.k = bits;
        this.s = bits - 64;
        this.c = gap.longValueExact();
        this.hiMask = (1L << s) - 1;
        this.p0 = p.longValue();
        this.p1 = p.shiftRight(64).longValue();
        BigInteger half = p.shiftRight(1);
        this.half0 = half.longValue();
        this.half1 = half.shiftRight(64).longValue();
        // (p-3)/4 = 2^(k-2) - d with d = (c+3)/4 >= 1; tail = bits of d, so 0 < tailExponent = 2^tail - d < 2^tail
        long d = (c + 3) / 4;
        this.tail = 64 - Long.numberOfLeadingZeros(d);
        this.ones = k - 2 - tail;
        this.tailExponent = (1L << tail) - d;
        this.elementBytes = (bits + 7) / 8;
    }

    /**
     * The largest prime below 2^bits that is 3 mod 4, the same prime {@link BigPrimeField#largestBlumPrimeBelow}
     * picks: deterministic, so every party derives the same field.
     */
    public static TwoLimbField largestBlumPrimeBelow(int bits) {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("bits must be in [" + MIN_BITS + ", " + MAX_BITS + "], got " + bits);
        }
        return new TwoLimbField(BigPrimeField.largestBlumPrimeBelow(bits).modulus());
    }

    @Override
    public BigInteger modulus() {
        return modulus;
    }

    @Override
    public int bitLength() {
        return k;
    }

    @Override
    public int elementBytes() {
        return elementBytes;
    }

    @Override
    public long[] newVector(int length) {
        return new long[2 * length];
    }

    @Override
    public int length(long[] v) {
        return v.length >> 1;
    }

    @Override
    public void copy(long[] src, int srcPos, long[] dst, int dstPos, int count) {
        System.arraycopy(src, 2 * srcPos, dst, 2 * dstPos, 2 * count);
    }

    @Override
    public long[] fromSigned(long[] values) {
        long[] out = new long[2 * values.length];
        for (int i = 0; i < values.length; i++) {
            long x = values[i];
            if (x >= 0) {
                out[2 * i] = x;
            } else {
                long m = -x; // |x| as an unsigned 64-bit value, also for Long.MIN_VALUE
                out[2 * i] = p0 - m;
                out[2 * i + 1] = p1 - (Long.compareUnsigned(p0, m) < 0 ? 1 : 0);
            }
        }
        return out;
    }

    @Override
    public long[] toSigned(long[] v) {
        long[] out = new long[v.length >> 1];
        for (int i = 0; i < out.length; i++) {
            long lo = v[2 * i];
            long hi = v[2 * i + 1];
            if (hi < half1 || hi == half1 && Long.compareUnsigned(lo, half0) <= 0) {
                if (hi != 0 || lo < 0) {
                    throw new ArithmeticException("element " + i + " (" + get(v, i) + ") is not a signed 64-bit value");
                }
                out[i] = lo;
            } else {
                long m0 = p0 - lo; // p - x, a positive magnitude
                long m1 = p1 - hi - (Long.compareUnsigned(p0, lo) < 0 ? 1 : 0);
                if (m1 != 0 || Long.compareUnsigned(m0, Long.MIN_VALUE) > 0) {
                    throw new ArithmeticException("element " + i + " (-" + modulus.subtract(get(v, i))
                            + ") is not a signed 64-bit value");
                }
                out[i] = -m0;
            }
        }
        return out;
    }

    @Override
    public BigInteger get(long[] v, int i) {
        return toBig(v[2 * i], v[2 * i + 1]);
    }

    private static BigInteger toBig(long lo, long hi) {
        byte[] be = new byte[16];
        for (int b = 0; b < 8; b++) {
            be[7 - b] = (byte) (hi >>> (8 * b));
            be[15 - b] = (byte) (lo >>> (8 * b));
        }
        return new BigInteger(1, be);
    }

    /** A public constant as two limbs {lo, hi}, reduced mod p. */
    private long[] limbs(BigInteger x) {
        BigInteger r = x.mod(modulus);
        return new long[] {r.longValue(), r.shiftRight(64).longValue()};
    }

    @Override
    public void add(long[] a, long[] b, long[] out) {
        for (int i = 0; i < out.length; i += 2) {
            addInto(a[i], a[i + 1], b[i], b[i + 1], out, i);
        }
    }

    private void addInto(long a0, long a1, long b0, long b1, long[] out, int at) {
        long s0 = a0 + b0;
        long s1 = a1 + b1 + (Long.compareUnsigned(s0, a0) < 0 ? 1 : 0); // < 2p < 2^128: no carry out
        // about half of all sums need the subtraction: select without a branch
        long d0 = s0 - p0;
        long d1 = s1 - p1 - (Long.compareUnsigned(s0, p0) < 0 ? 1 : 0);
        long keep = below(s0, s1) ? -1L : 0L;
        out[at] = d0 ^ ((s0 ^ d0) & keep);
        out[at + 1] = d1 ^ ((s1 ^ d1) & keep);
    }

    // Carries are written out as Long.compareUnsigned(...) < 0 ? 1 : 0 at every site rather than in a helper: C2
    // profiles each site separately and turns the 50/50 ones into flag arithmetic; a shared helper's merged profile
    // made it emit mispredicted branches (2x slower multiplication, measured).

    /** Whether the 128-bit value x1:x0 is below p. */
    private boolean below(long x0, long x1) {
        return Long.compareUnsigned(x1, p1) < 0 | x1 == p1 & Long.compareUnsigned(x0, p0) < 0;
    }

    @Override
    public void sub(long[] a, long[] b, long[] out) {
        for (int i = 0; i < out.length; i += 2) {
            subInto(a[i], a[i + 1], b[i], b[i + 1], out, i);
        }
    }

    @Override
    public void mul(long[] a, long[] b, long[] out) {
        for (int i = 0; i < out.length; i += 2) {
            mulInto(a[i], a[i + 1], b[i], b[i + 1], out, i);
        }
    }

    /**
     * {@code out[at..at+1] = a * b mod p} for canonical a, b. Reads all inputs before writing, so out may alias them.
     */
    private void mulInto(long a0, long a1, long b0, long b1, long[] out, int at) {
        // 256-bit product r3:r2:r1:r0 from four 64x64 -> 128-bit products
        long r0 = a0 * b0;
        long h00 = Math.unsignedMultiplyHigh(a0, b0);
        long l01 = a0 * b1;
        long h01 = Math.unsignedMultiplyHigh(a0, b1);
        long l10 = a1 * b0;
        long h10 = Math.unsignedMultiplyHigh(a1, b0);
        long l11 = a1 * b1;
        long h11 = Math.unsignedMultiplyHigh(a1, b1);
        long t = h00 + l01;
        long carry1 = (Long.compareUnsigned(t, h00) < 0 ? 1 : 0);
        long r1 = t + l10;
        carry1 += (Long.compareUnsigned(r1, t) < 0 ? 1 : 0);
        long u = h01 + h10;
        long carry2 = (Long.compareUnsigned(u, h01) < 0 ? 1 : 0);
        long v = u + l11;
        carry2 += (Long.compareUnsigned(v, u) < 0 ? 1 : 0);
        long r2 = v + carry1;
        carry2 += (Long.compareUnsigned(r2, v) < 0 ? 1 : 0);
        reduceInto(r0, r1, r2, h11 + carry2, out, at);
    }

    /** {@code out[at..at+1] = a^2 mod p}: three 64x64 -> 128-bit products instead of four. */
    private void squareInto(long a0, long a1, long[] out, int at) {
        long r0 = a0 * a0;
        long h00 = Math.unsignedMultiplyHigh(a0, a0);
        long l01 = a0 * a1;
        long h01 = Math.unsignedMultiplyHigh(a0, a1); // a0 a1 < 2^127, so doubling stays within 128 bits
        long d0 = l01 << 1;
        long d1 = (h01 << 1) | (l01 >>> 63);
        long l11 = a1 * a1;
        long h11 = Math.unsignedMultiplyHigh(a1, a1);
        long r1 = h00 + d0;
        long carry1 = (Long.compareUnsigned(r1, h00) < 0 ? 1 : 0);
        long u = d1 + l11;
        long carry2 = (Long.compareUnsigned(u, d1) < 0 ? 1 : 0);
        long r2 = u + carry1;
        carry2 += (Long.compareUnsigned(r2, u) < 0 ? 1 : 0);
        reduceInto(r0, r1, r2, h11 + carry2, out, at);
    }

    /** {@code out[at..at+1] = x mod p} for a 256-bit x below 2^(2k), by two folds at bit k (2^k = c mod p). */
    private void reduceInto(long r0, long r1, long r2, long r3, long[] out, int at) {
        // first fold: x = lo + 2^k hi = lo + c hi (mod p), hi < 2^k
        long hi0 = (r1 >>> s) | (r2 << (64 - s));
        long hi1 = (r2 >>> s) | (r3 << (64 - s));
        long m0 = c * hi0;
        long m1 = Math.unsignedMultiplyHigh(c, hi0);
        long n0 = c * hi1;                           // c * hi1 < 2^93
        long n1 = Math.unsignedMultiplyHigh(c, hi1);
        long y0 = r0 + m0;
        long w = (r1 & hiMask) + m1 + (Long.compareUnsigned(y0, r0) < 0 ? 1 : 0); // < 2^63 + 2^30: no overflow
        long y1 = w + n0;
        long y2 = n1 + (Long.compareUnsigned(y1, w) < 0 ? 1 : 0);
        // y < 2^(k+31); second fold: z = (y mod 2^k) + c (y >> k) < 2^k + 2^61 < 2p
        long top = (y1 >>> s) | (y2 << (64 - s));
        long ct = c * top;
        long z0 = y0 + ct;
        long z1 = (y1 & hiMask) + (Long.compareUnsigned(z0, y0) < 0 ? 1 : 0);
        if (Long.compareUnsigned(z1, p1) > 0 || z1 == p1 && Long.compareUnsigned(z0, p0) >= 0) { // rare: z is uniform-ish below 2^k + 2^61 and p is within 2^30 of 2^k
            long q0 = z0 - p0;
            z1 = z1 - p1 - (Long.compareUnsigned(z0, p0) < 0 ? 1 : 0);
            z0 = q0;
        }
        out[at] = z0;
        out[at + 1] = z1;
    }

    @Override
    public void scale(long[] a, BigInteger constant, long[] out) {
        long[] k2 = limbs(constant);
        long c0 = k2[0];
        long c1 = k2[1];
        long small = small(c0, c1);
        if (small > 0) {
            for (int i = 0; i < out.length; i += 2) {
                mulSmallInto(a[i], a[i + 1], small, out, i);
            }
            return;
        }
        for (int i = 0; i < out.length; i += 2) {
            mulInto(a[i], a[i + 1], c0, c1, out, i);
        }
    }

    /**
     * The constant c0 + 2^64 c1 (canonical) as a small positive multiplier below 2^32, or 0 when it is not one. Shamir
     * evaluation points and the Lagrange coefficients of small groups are such constants (for n = 3: 1, 2, 3 and 3,
     * -3, 1), and multiplying by them needs two 64x64 products and one fold instead of eight products and two folds.
     */
    private static long small(long c0, long c1) {
        return c1 == 0 && c0 > 0 && c0 < (1L << 32) ? c0 : 0;
    }

    /** {@code out[at..at+1] = a * m mod p} for canonical a and 0 < m < 2^32. Reads its inputs before writing. */
    private void mulSmallInto(long a0, long a1, long m, long[] out, int at) {
        long r0 = a0 * m;
        long h0 = Math.unsignedMultiplyHigh(a0, m);
        long l1 = a1 * m;                             // a1 < 2^63 and m < 2^32: a1 m < 2^95
        long h1 = Math.unsignedMultiplyHigh(a1, m);
        long r1 = h0 + l1;
        long r2 = h1 + (Long.compareUnsigned(r1, h0) < 0 ? 1 : 0);
        // y = a m < 2^(k+32); one fold: z = (y mod 2^k) + c (y >> k) < 2^k + 2^62 < 2p
        long top = (r1 >>> s) | (r2 << (64 - s));
        long ct = c * top;
        long z0 = r0 + ct;
        long z1 = (r1 & hiMask) + (Long.compareUnsigned(z0, r0) < 0 ? 1 : 0);
        long d0 = z0 - p0;
        long d1 = z1 - p1 - (Long.compareUnsigned(z0, p0) < 0 ? 1 : 0);
        long keep = below(z0, z1) ? -1L : 0L;
        out[at] = d0 ^ ((z0 ^ d0) & keep);
        out[at + 1] = d1 ^ ((z1 ^ d1) & keep);
    }

    /** {@code out[at..at+1] = a - b mod p} for canonical a, b. */
    private void subInto(long a0, long a1, long b0, long b1, long[] out, int at) {
        long r0 = a0 - b0;
        long r1 = a1 - b1 - (Long.compareUnsigned(a0, b0) < 0 ? 1 : 0);
        long negative = r1 >> 63; // high limbs are below 2^63, so a negative difference shows in the sign
        long q0 = r0 + (p0 & negative);
        out[at] = q0;
        out[at + 1] = r1 + (p1 & negative) + (Long.compareUnsigned(q0, r0) < 0 ? 1 : 0);
    }

    @Override
    public void addScaled(long[] acc, BigInteger constant, long[] x) {
        long[] k2 = limbs(constant);
        long c0 = k2[0];
        long c1 = k2[1];
        long[] product = new long[2];
        long up = small(c0, c1);
        long[] negated = limbs(constant.negate());
        long down = small(negated[0], negated[1]);
        if (up == 1) {
            add(acc, x, acc);
            return;
        }
        if (up > 0) {
            for (int i = 0; i < acc.length; i += 2) {
                mulSmallInto(x[i], x[i + 1], up, product, 0);
                addInto(acc[i], acc[i + 1], product[0], product[1], acc, i);
            }
            return;
        }
        if (down > 0) {                                 // acc + (p - m) x = acc - m x
            for (int i = 0; i < acc.length; i += 2) {
                if (down == 1) {
                    subInto(acc[i], acc[i + 1], x[i], x[i + 1], acc, i);
                } else {
                    mulSmallInto(x[i], x[i + 1], down, product, 0);
                    subInto(acc[i], acc[i + 1], product[0], product[1], acc, i);
                }
            }
            return;
        }
        for (int i = 0; i < acc.length; i += 2) {
            mulInto(x[i], x[i + 1], c0, c1, product, 0);
            addInto(acc[i], acc[i + 1], product[0], product[1], acc, i);
        }
    }

    @Override
    public void addConstant(long[] a, BigInteger constant, long[] out) {
        long[] k2 = limbs(constant);
        long c0 = k2[0];
        long c1 = k2[1];
        for (int i = 0; i < out.length; i += 2) {
            addInto(a[i], a[i + 1], c0, c1, out, i);
        }
    }

    @Override
    public BigInteger sum(long[] a) {
        long[] acc = new long[2];
        for (int i = 0; i < a.length; i += 2) {
            addInto(acc[0], acc[1], a[i], a[i + 1], acc, 0);
        }
        return toBig(acc[0], acc[1]);
    }

    @Override
    public boolean isZero(long[] v, int i) {
        return (v[2 * i] | v[2 * i + 1]) == 0;
    }

    @Override
    public void bit(long[] v, int i, long[] out) {
        if (i < 0 || i >= k) {
            throw new IllegalArgumentException("bit index must be in [0, " + k + "), got " + i);
        }
        int limb = i < 64 ? 0 : 1;
        int shift = i & 63;
        for (int e = 0; e < out.length; e += 2) {
            out[e] = (v[e + limb] >>> shift) & 1;
            out[e + 1] = 0;
        }
    }

    @Override
    public void lowBits(long[] v, int bits, long[] out) {
        if (bits < 1 || bits >= k) {
            throw new IllegalArgumentException("bits must be in [1, " + k + "), got " + bits);
        }
        long mask0 = mask(Math.min(bits, 64));
        long mask1 = bits > 64 ? mask(bits - 64) : 0;
        for (int e = 0; e < out.length; e += 2) {
            out[e] = v[e] & mask0;
            out[e + 1] = v[e + 1] & mask1;
        }
    }

    /** 2^bits - 1 for bits in [0, 64]. */
    private static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    @Override
    public void uniform(long[] out, ByteStream source) {
        fill(out, source, -1L, hiMask);
        byte[] one = new byte[elementBytes];
        for (int e = 0; e < out.length; e += 2) {
            // values in [p, 2^k) are resampled in index order: probability c / 2^k per element
            while (Long.compareUnsigned(out[e + 1], p1) > 0
                    || out[e + 1] == p1 && Long.compareUnsigned(out[e], p0) >= 0) {
                source.next(one, 0, elementBytes);
                out[e] = (long) LONGS.get(one, 0);
                out[e + 1] = high(one, 0) & hiMask;
            }
        }
    }

    @Override
    public void uniformBelow(long[] out, int bits, ByteStream source) {
        if (bits < 1 || bits >= k - 1) {
            throw new IllegalArgumentException("bits must be in [1, " + (k - 2) + "], got " + bits);
        }
        fill(out, source, mask(Math.min(bits, 64)), bits > 64 ? mask(bits - 64) : 0);
    }

    /** {@link #elementBytes} bytes of the stream per element (not 16: less AES work), masked limb by limb. */
    private void fill(long[] out, ByteStream source, long mask0, long mask1) {
        byte[] buf = new byte[(out.length >> 1) * elementBytes];
        source.next(buf, 0, buf.length);
        for (int e = 0, base = 0; e < out.length; e += 2, base += elementBytes) {
            out[e] = (long) LONGS.get(buf, base) & mask0;
            out[e + 1] = high(buf, base) & mask1;
        }
    }

    /** Bytes 8..elementBytes-1 of the little-endian element at {@code base}, by one read that ends at its last byte. */
    private long high(byte[] buf, int base) {
        return (long) LONGS.get(buf, base + elementBytes - 8) >>> (8 * (16 - elementBytes));
    }

    @Override
    public void inverseSquareRootUpToSign(long[] y, long[] out) {
        // (p-3)/4 = 2^(k-2) - d = (2^ones - 1) 2^tail + tailExponent: k-3 squarings and about 2 log2(k) + 2 tail
        // multiplications per element, instead of k squarings and k multiplications for plain square-and-multiply
        long[] r = new long[2];
        long[] last = new long[2];
        for (int e = 0; e < out.length; e += 2) {
            long x0 = y[e];
            long x1 = y[e + 1];
            // x^f for the tail, by square-and-multiply over its few bits
            last[0] = 1;
            last[1] = 0;
            for (int b = 63 - Long.numberOfLeadingZeros(tailExponent); b >= 0; b--) {
                squareInto(last[0], last[1], last, 0);
                if ((tailExponent >>> b & 1) != 0) {
                    mulInto(last[0], last[1], x0, x1, last, 0);
                }
            }
            // x^(2^ones - 1): from x^(2^a - 1), x^(2^2a - 1) = (x^(2^a - 1))^(2^a) x^(2^a - 1), and +1 by x^2 * x
            r[0] = x0;
            r[1] = x1;
            int a = 1;
            for (int b = 30 - Integer.numberOfLeadingZeros(ones); b >= 0; b--) {
                long c0 = r[0];
                long c1 = r[1];
                for (int q = 0; q < a; q++) {
                    squareInto(r[0], r[1], r, 0);
                }
                mulInto(r[0], r[1], c0, c1, r, 0);
                a *= 2;
                if ((ones >>> b & 1) != 0) {
                    squareInto(r[0], r[1], r, 0);
                    mulInto(r[0], r[1], x0, x1, r, 0);
                    a++;
                }
            }
            for (int q = 0; q < tail; q++) {
                squareInto(r[0], r[1], r, 0);
            }
            mulInto(r[0], r[1], last[0], last[1], out, e);
        }
    }

    @Override
    public void encode(long[] v, int from, int count, byte[] dst, int off) {
        for (int i = 0, e = 2 * from, base = off; i < count; i++, e += 2, base += elementBytes) {
            // the high limb first, as one write that ends at the element's last byte, then the low limb over its start
            LONGS.set(dst, base + elementBytes - 8, v[e + 1] << (8 * (16 - elementBytes)));
            LONGS.set(dst, base, v[e]);
        }
    }

    @Override
    public void decode(byte[] src, int off, int count, long[] out, int outFrom) {
        for (int i = 0, e = 2 * outFrom, base = off; i < count; i++, e += 2, base += elementBytes) {
            long lo = (long) LONGS.get(src, base);
            long hi = high(src, base);
            if (Long.compareUnsigned(hi, p1) > 0 || hi == p1 && Long.compareUnsigned(lo, p0) >= 0) {
                throw new IllegalArgumentException("element " + i + " is not below the " + k + "-bit modulus");
            }
            out[e] = lo;
            out[e + 1] = hi;
        }
    }

    @Override
    public String toString() {
        return "GF(2^" + k + (c == 1 ? "-1)" : "-" + c + ")");
    }
}
