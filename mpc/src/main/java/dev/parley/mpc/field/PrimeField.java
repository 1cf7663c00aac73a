package dev.parley.mpc.field;

import java.math.BigInteger;

/**
 * Vectorised arithmetic in a prime field. Elements travel as vectors of type {@code V} ({@code long[]} for
 * {@link Mersenne61Field}, {@code long[]} with two limbs per element for {@link TwoLimbField}, {@code BigInteger[]}
 * for {@link BigPrimeField}) so the engine's hot loops never box or dispatch per element. Every vector holds canonical
 * elements in {@code [0, p)}; indices and lengths in this interface count elements, never array slots.
 *
 * <p>Binary operations write into {@code out}, which may alias an input; all vectors of one call have the same length.
 * Implementations are immutable and thread-safe; the vectors are owned by the caller.
 *
 * @param <V> the vector type
 */
public sealed interface PrimeField<V> permits Mersenne61Field, TwoLimbField, BigPrimeField {

    /** The prime p. */
    BigInteger modulus();

    /** Bit length of p. */
    int bitLength();

    /** Bytes per element on the wire. */
    int elementBytes();

    V newVector(int length);

    /** Number of elements in {@code v} (not necessarily the array length: a two-limb vector has two longs each). */
    int length(V v);

    /** Copies {@code count} elements, counted in elements, like {@link System#arraycopy} (overlap allowed). */
    void copy(V src, int srcPos, V dst, int dstPos, int count);

    /** Encodes signed integers as field elements (negative x becomes p - |x|). */
    V fromSigned(long[] values);

    /** Decodes elements as signed integers in (-p/2, p/2); throws ArithmeticException if one does not fit a long. */
    long[] toSigned(V v);

    /** Element i as a non-negative BigInteger below p. */
    BigInteger get(V v, int i);

    /** The element congruent to {@code value}. */
    default BigInteger element(long value) {
        return BigInteger.valueOf(value).mod(modulus());
    }

    void add(V a, V b, V out);

    void sub(V a, V b, V out);

    /** Element-wise product. */
    void mul(V a, V b, V out);

    /** {@code out = c * a}. */
    void scale(V a, BigInteger c, V out);

    /** {@code acc += c * x}. */
    void addScaled(V acc, BigInteger c, V x);

    /** {@code out = a + c}. */
    void addConstant(V a, BigInteger c, V out);

    /** Sum of all elements. */
    BigInteger sum(V a);

    boolean isZero(V v, int i);

    /** {@code out[k] = bit i of the canonical representative of c[k]} (0 or 1). */
    void bit(V c, int i, V out);

    /** {@code out[k] = c[k] mod 2^bits} (bits below the field's bit length). */
    void lowBits(V c, int bits, V out);

    /** Fills {@code out} with uniform elements drawn from {@code source} (rejection sampling, so every holder of the
     *  same stream draws the same elements). */
    void uniform(V out, ByteStream source);

    /** Fills {@code out} with uniform integers in {@code [0, 2^bits)}, {@code bits < bitLength() - 1}. */
    void uniformBelow(V out, int bits, ByteStream source);

    /**
     * {@code out = y^((p-3)/4)}. For p = 3 mod 4 and a non-zero square y = r^2 this is {@code ±1/r}, so
     * {@code r * out = ±1}: the step that turns a random square into a random bit.
     */
    void inverseSquareRootUpToSign(V y, V out);

    /** Writes {@code count} elements starting at {@code from} as {@link #elementBytes()} bytes each. */
    void encode(V v, int from, int count, byte[] dst, int off);

    /**
     * Reads {@code count} elements into {@code out} starting at {@code outFrom}.
     *
     * @throws IllegalArgumentException naming the element index if an encoded value is not below p
     */
    void decode(byte[] src, int off, int count, V out, int outFrom);
}
