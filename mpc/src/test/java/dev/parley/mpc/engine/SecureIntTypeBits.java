package dev.parley.mpc.engine;

import java.math.BigInteger;

/** C(n,t) and ceil(log2 C(n,t)), computed independently of the production code. */
final class SecureIntTypeBits {
    private SecureIntTypeBits() {
    }

    static BigInteger binomial(int n, int t) {
        BigInteger c = BigInteger.ONE;
        for (int i = 0; i < t; i++) {
            c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return c;
    }

    static int keyBits(int n, int t) {
        BigInteger c = binomial(n, t);
        int bits = 0;
        while (BigInteger.ONE.shiftLeft(bits).compareTo(c) < 0) {
            bits++;
        }
        return bits;
    }
}
