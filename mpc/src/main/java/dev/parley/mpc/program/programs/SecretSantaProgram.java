package dev.parley.mpc.program.programs;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.MpcProgram;
import dev.parley.mpc.program.ProgramDescriptor;
import dev.parley.mpc.sharing.Shares;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Secret santa as in MPyC's demo: a uniformly random derangement of the parties, built by a secure Fisher-Yates
 * shuffle (secret random unit vectors select each swap partner), re-drawn while a secure check finds a fixed point;
 * entry i is then opened to party i only, so each party learns just whom it gives to. What leaks is the number of
 * attempts, which is independent of the final derangement.
 */
public final class SecretSantaProgram implements MpcProgram<Void, Integer> {

    @Override
    public ProgramDescriptor descriptor() {
        return ProgramDescriptor.of("secret-santa", 1, Map.of());
    }

    @Override
    public SecureIntType integerType() {
        return new SecureIntType(8, SecureIntType.DEFAULT_KAPPA);
    }

    @Override
    public <V> Integer run(MpcEngine<V> engine, Void none) throws MpcException {
        int n = engine.parties();
        while (true) {
            Shares<V> p = randomPermutation(engine, n);
            List<Shares<V>> offsets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                offsets.add(engine.addConstant(engine.slice(p, i, i + 1), -(i + 1)));
            }
            // no fixed point iff prod (p[i] - i) != 0
            if (!engine.isZeroPublic(engine.product(offsets))[0]) {
                int[] owners = new int[n];
                for (int i = 0; i < n; i++) {
                    owners[i] = i + 1;
                }
                return (int) engine.openToOwners(p, owners)[0];
            }
        }
    }

    /** Secret shares of a uniformly random permutation of 1..n. */
    static <V> Shares<V> randomPermutation(MpcEngine<V> engine, int n) throws MpcException {
        long[] identity = new long[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i + 1;
        }
        Shares<V> p = engine.constant(identity);
        for (int i = 0; i < n - 1; i++) {
            int len = n - i;
            Shares<V> x = randomUnitVector(engine, len);
            Shares<V> tail = engine.slice(p, i, n);
            Shares<V> chosen = engine.sum(engine.mul(tail, x));
            Shares<V> diff = engine.sub(engine.slice(p, i, i + 1), chosen);
            Shares<V> d = engine.mul(repeat(engine, diff, len), x);
            // p[i] <- chosen, then p[i + j] += d[j]: swaps p[i] with the chosen entry
            Shares<V> newTail = engine.add(tail, d);
            Shares<V> head = engine.add(chosen, engine.slice(d, 0, 1));
            p = engine.concat(engine.slice(p, 0, i), head, engine.slice(newTail, 1, len));
        }
        return p;
    }

    /** A secret one-hot vector of length {@code len} with the 1 at a uniformly random position. */
    static <V> Shares<V> randomUnitVector(MpcEngine<V> engine, int len) throws MpcException {
        if (len == 1) {
            return engine.constant(1);
        }
        int bits = 32 - Integer.numberOfLeadingZeros(len - 1);
        while (true) {
            Shares<V> b = engine.randomBits(bits);
            Shares<V> v = engine.constant(1);
            for (int k = 0; k < bits; k++) {
                Shares<V> high = engine.mul(v, repeat(engine, engine.slice(b, k, k + 1), v.length()));
                v = engine.concat(engine.sub(v, high), high); // index gains 2^k when bit k is set
            }
            Shares<V> unit = engine.slice(v, 0, len);
            if (engine.open(engine.sum(unit))[0] == 1) { // else the random index was >= len: draw again
                return unit;
            }
        }
    }

    private static <V> Shares<V> repeat(MpcEngine<V> engine, Shares<V> one, int times) {
        return engine.concat(Collections.nCopies(times, one));
    }
}
