package dev.parley.mpc.sharing;

import dev.parley.mpc.field.ByteStream;
import dev.parley.mpc.field.PrimeField;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Shamir sharing for parties 1..n at evaluation points 1..n, with everything that does not depend on the secrets
 * precomputed: the powers j^k (Vandermonde rows) and the Lagrange coefficients that recombine degree-d shares of
 * parties 1..d+1 at zero. Immutable and thread-safe.
 */
public final class Shamir<V> {

    private final PrimeField<V> field;
    private final int parties;
    private final BigInteger[][] powers;
    private final BigInteger[][] lagrange;

    public Shamir(PrimeField<V> field, int parties, int threshold) {
        if (parties < 2 || threshold < 1 || 2 * threshold >= parties) {
            throw new IllegalArgumentException("need n >= 2 and 1 <= t < n/2 (honest majority), got n=" + parties
                    + ", t=" + threshold);
        }
        if (field.modulus().compareTo(BigInteger.valueOf(parties)) <= 0) {
            throw new IllegalArgumentException("the field must be larger than the number of parties");
        }
        this.field = field;
        this.parties = parties;
        BigInteger p = field.modulus();
        powers = new BigInteger[parties + 1][parties];
        for (int j = 1; j <= parties; j++) {
            for (int k = 0; k < parties; k++) {
                powers[j][k] = BigInteger.valueOf(j).modPow(BigInteger.valueOf(k), p);
            }
        }
        lagrange = new BigInteger[parties][];
        for (int d = 0; d < parties; d++) {
            lagrange[d] = coefficients(d + 1, p);
        }
    }

    /** Lagrange coefficients at 0 for points 1..m: lambda_i = prod_{j != i} j / (j - i). */
    private static BigInteger[] coefficients(int m, BigInteger p) {
        BigInteger[] out = new BigInteger[m + 1];
        out[0] = BigInteger.ZERO;
        for (int i = 1; i <= m; i++) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int j = 1; j <= m; j++) {
                if (j != i) {
                    num = num.multiply(BigInteger.valueOf(j));
                    den = den.multiply(BigInteger.valueOf(j - i));
                }
            }
            out[i] = num.mod(p).multiply(den.mod(p).modInverse(p)).mod(p);
        }
        return out;
    }

    /** The coefficient of party i (1..degree+1) when recombining a degree-{@code degree} sharing at zero. */
    public BigInteger lagrange(int degree, int party) {
        return lagrange[degree][party];
    }

    /**
     * Shares {@code secrets} with fresh random polynomials of the given degree.
     *
     * @return party j's share vector at index j-1
     */
    public List<V> share(V secrets, int degree, ByteStream random) {
        int m = field.length(secrets);
        List<V> coefficients = new ArrayList<>(degree);
        for (int k = 1; k <= degree; k++) {
            V c = field.newVector(m);
            field.uniform(c, random);
            coefficients.add(c);
        }
        List<V> out = new ArrayList<>(parties);
        for (int j = 1; j <= parties; j++) {
            V share = field.newVector(m);
            field.copy(secrets, 0, share, 0, m);
            for (int k = 1; k <= degree; k++) {
                field.addScaled(share, powers[j][k], coefficients.get(k - 1));
            }
            out.add(share);
        }
        return out;
    }

    /** Recombines the shares of parties 1..degree+1 (party i at index i-1) at zero. */
    public V reconstruct(List<V> shares, int degree) {
        V acc = field.newVector(field.length(shares.get(0)));
        for (int i = 1; i <= degree + 1; i++) {
            field.addScaled(acc, lagrange[degree][i], shares.get(i - 1));
        }
        return acc;
    }
}
