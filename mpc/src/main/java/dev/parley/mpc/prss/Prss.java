package dev.parley.mpc.prss;

import dev.parley.mpc.field.PrimeField;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One party's PRSS state: for every maximal unqualified set A (every t-subset of the n parties) that does not contain
 * this party, the key k_A and the value f_A(i) of the degree-t polynomial with f_A(0) = 1 and f_A(j) = 0 on A.
 * The share of a random value is {@code sum_A PRF(k_A) * f_A(i)}; a coalition of t parties misses the key of its own
 * set, so the value is hidden from it. Zero shares of degree 2t use {@code f_A(x) * sum_{j=1..t} PRF_j(k_A) x^j}.
 *
 * <p>Every call takes a nonce that all parties must pass identically (the engine's call counter). Not thread-safe.
 */
public final class Prss<V> {

    private final PrimeField<V> field;
    private final int self;
    private final int threshold;
    private final List<PrssKey> keys = new ArrayList<>();
    private final List<BigInteger> weights = new ArrayList<>();
    private final int subsets;
    /** For every t-subset in {@link Subset#all} order: its index in {@link #keys}, or -1 if this party is in it. */
    private final int[] keyOfSubset;

    /**
     * @param keys this party's keys by subset, as produced by the key agreement (sets containing this party absent)
     */
    public Prss(PrimeField<V> field, int parties, int threshold, int self, Map<Subset, PrssKey> keys) {
        this.field = field;
        this.self = self;
        this.threshold = threshold;
        BigInteger p = field.modulus();
        List<Subset> all = Subset.all(parties, threshold);
        this.subsets = all.size();
        this.keyOfSubset = new int[subsets];
        for (int s = 0; s < subsets; s++) {
            Subset a = all.get(s);
            if (a.contains(self)) {
                keyOfSubset[s] = -1;
                continue;
            }
            keyOfSubset[s] = this.keys.size();
            PrssKey key = keys.get(a);
            if (key == null) {
                throw new IllegalArgumentException("party " + self + " lacks the PRSS key for set " + a);
            }
            this.keys.add(key);
            this.weights.add(a.vanishingAt(self, p));
        }
    }

    /** Shares of {@code length} uniformly random field elements. */
    public V random(int length, long nonce) {
        V out = field.newVector(length);
        V tmp = field.newVector(length);
        for (int k = 0; k < keys.size(); k++) {
            field.uniform(tmp, keys.get(k).stream(nonce));
            field.addScaled(out, weights.get(k), tmp);
        }
        return out;
    }

    /** Shares of random integers in {@code [0, C(n,t) * 2^bits)}: each key contributes one value below 2^bits. */
    public V randomBelow(int length, int bits, long nonce) {
        V out = field.newVector(length);
        V tmp = field.newVector(length);
        for (int k = 0; k < keys.size(); k++) {
            field.uniformBelow(tmp, bits, keys.get(k).stream(nonce));
            field.addScaled(out, weights.get(k), tmp);
        }
        return out;
    }

    /** Number of maximal unqualified sets, C(n,t): how many bits {@link #bitsPerSubset} XORs together. */
    public int subsets() {
        return subsets;
    }

    /**
     * Degree-t shares of one pseudo-random bit b_A per element for every t-subset A, in {@link Subset#all} order,
     * without communication: the parties outside A know b_A (a PRF bit under k_A) and hold {@code b_A * f_A(i)}; the
     * parties in A hold 0. The XOR of all C(n,t) bits is a random bit that no t parties know, since a coalition equal
     * to A misses k_A. XORing them costs C(n,t) - 1 multiplications in ceil(log2 C(n,t)) rounds.
     */
    public List<V> bitsPerSubset(int length, long nonce) {
        List<V> out = new ArrayList<>(subsets);
        byte[] raw = new byte[(length + 7) / 8];
        long[] bits = new long[length];
        for (int s = 0; s < subsets; s++) {
            int k = keyOfSubset[s];
            if (k < 0) {
                out.add(field.newVector(length));
                continue;
            }
            keys.get(k).stream(nonce).next(raw, 0, raw.length);
            for (int j = 0; j < length; j++) {
                bits[j] = (raw[j >>> 3] >>> (j & 7)) & 1;
            }
            V share = field.fromSigned(bits);
            field.scale(share, weights.get(k), share);
            out.add(share);
        }
        return out;
    }

    /** Degree-2t shares of zero, to re-randomise a local product before it is opened. */
    public V zero2t(int length, long nonce) {
        V out = field.newVector(length);
        V tmp = field.newVector(length);
        BigInteger p = field.modulus();
        BigInteger x = BigInteger.valueOf(self);
        for (int k = 0; k < keys.size(); k++) {
            AesCtrStream stream = keys.get(k).stream(nonce);
            for (int j = 1; j <= threshold; j++) {
                field.uniform(tmp, stream);
                field.addScaled(out, weights.get(k).multiply(x.pow(j)).mod(p), tmp);
            }
        }
        return out;
    }

    /** The t-subsets of {1..n} in lexicographic order; fixed so every party agrees on key order. */
    public record Subset(List<Integer> members) {
        public Subset {
            members = List.copyOf(members);
        }

        public boolean contains(int party) {
            return members.contains(party);
        }

        /** f_A(x) = prod_{j in A} (j - x) / j mod p. */
        BigInteger vanishingAt(int x, BigInteger p) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int j : members) {
                num = num.multiply(BigInteger.valueOf(j - x));
                den = den.multiply(BigInteger.valueOf(j));
            }
            return num.mod(p).multiply(den.modInverse(p)).mod(p);
        }

        /** The party that chooses this set's key: the smallest party outside the set. */
        public int dealer(int parties) {
            for (int i = 1; i <= parties; i++) {
                if (!contains(i)) {
                    return i;
                }
            }
            throw new IllegalStateException("a maximal unqualified set cannot hold all " + parties + " parties");
        }

        public static List<Subset> all(int n, int t) {
            List<Subset> out = new ArrayList<>();
            collect(n, t, 1, new ArrayList<>(), out);
            return Collections.unmodifiableList(out);
        }

        private static void collect(int n, int t, int from, List<Integer> acc, List<Subset> out) {
            if (acc.size() == t) {
                out.add(new Subset(acc));
                return;
            }
            for (int i = from; i <= n; i++) {
                acc.add(i);
                collect(n, t, i + 1, acc, out);
                acc.remove(acc.size() - 1);
            }
        }
    }

    @Override
    public String toString() {
        return "Prss[party " + self + ", " + keys.size() + " keys redacted]";
    }
}
