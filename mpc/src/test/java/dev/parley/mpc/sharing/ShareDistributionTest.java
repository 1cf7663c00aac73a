package dev.parley.mpc.sharing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mpc.field.Mersenne61Field;
import dev.parley.mpc.prss.AesCtrStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shares look uniform and t of them carry no information about the secret. Chi-square with a fixed seed and a
 * critical value far in the tail (p ~ 1e-9), so the test is deterministic and only a real bias fails it.
 */
class ShareDistributionTest {

    private static final Mersenne61Field F = Mersenne61Field.instance();
    private static final int SAMPLES = 40_000;

    /** Bucket counts of the top {@code bitsPerShare} bits of each listed party's share, jointly. */
    private static long[] histogram(long secret, int n, int t, int[] parties, int bitsPerShare, long seed) {
        Shamir<long[]> shamir = new Shamir<>(F, n, t);
        long[] secrets = new long[SAMPLES];
        java.util.Arrays.fill(secrets, secret);
        List<long[]> shares = shamir.share(secrets, t, new AesCtrStream(new byte[16], seed));
        long[] counts = new long[1 << (bitsPerShare * parties.length)];
        for (int s = 0; s < SAMPLES; s++) {
            int bucket = 0;
            for (int party : parties) {
                bucket = (bucket << bitsPerShare) | (int) (shares.get(party - 1)[s] >>> (61 - bitsPerShare));
            }
            counts[bucket]++;
        }
        return counts;
    }

    /** Chi-square statistic against the uniform distribution (top bits of a uniform 61-bit element). */
    private static double chiSquare(long[] counts) {
        double expected = (double) SAMPLES / counts.length;
        double x = 0;
        for (long c : counts) {
            x += (c - expected) * (c - expected) / expected;
        }
        return x;
    }

    @Test
    void aSingleShareIsUniformWhateverTheSecret() {
        // 16 buckets, 15 degrees of freedom: P(chi2 > 60) < 1e-6
        for (long secret : new long[] {0, 1, Mersenne61Field.P - 1, 42}) {
            double x = chiSquare(histogram(secret, 3, 1, new int[] {2}, 4, secret + 7));
            assertTrue(x < 60, "chi-square " + x + " for secret " + secret);
        }
    }

    @Test
    void anyTSharesAreJointlyUniformSoIndependentOfTheSecret() {
        // n = 5, t = 2: parties 1 and 4 jointly, 8x8 = 64 buckets, 63 degrees of freedom: P(chi2 > 130) < 1e-6
        long[] zero = histogram(0, 5, 2, new int[] {1, 4}, 3, 11);
        long[] big = histogram(Mersenne61Field.P - 1, 5, 2, new int[] {1, 4}, 3, 12);
        assertTrue(chiSquare(zero) < 130, "secret 0: chi-square " + chiSquare(zero));
        assertTrue(chiSquare(big) < 130, "secret p-1: chi-square " + chiSquare(big));
    }

    @Test
    void tPlusOneSharesDetermineTheSecret() {
        // the counterpart of hiding: t+1 shares do determine the secret
        Shamir<long[]> shamir = new Shamir<>(F, 3, 1);
        long[] secrets = {0, 1, Mersenne61Field.P - 1, 123456789};
        List<long[]> shares = shamir.share(secrets, 1, new AesCtrStream(new byte[16], 5));
        assertArrayEquals(secrets, shamir.reconstruct(shares, 1));
        assertEquals(4, shares.get(0).length);
    }

    @Test
    void aBiasedSourceIsCaught() {
        // a stream that repeats one block makes the share of party 2 constant: the test statistic explodes
        Shamir<long[]> shamir = new Shamir<>(F, 3, 1);
        long[] secrets = new long[SAMPLES];
        List<long[]> shares = shamir.share(secrets, 1, (dst, off, len) -> java.util.Arrays.fill(dst, off, off + len,
                (byte) 7));
        long[] counts = new long[16];
        for (long s : shares.get(1)) {
            counts[(int) (s >>> 57)]++;
        }
        assertTrue(chiSquare(counts) > 1000, "a constant share must fail the uniformity test");
    }
}
