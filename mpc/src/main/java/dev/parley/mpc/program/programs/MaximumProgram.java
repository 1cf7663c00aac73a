package dev.parley.mpc.program.programs;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.MpcProgram;
import dev.parley.mpc.program.ProgramDescriptor;
import dev.parley.mpc.sharing.Shares;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The maximum of one private integer per party and who holds it (argmax): a tournament of secure comparisons over
 * adjacent pairs, ceil(log2 n) levels. On ties the lowest-numbered holder wins. Only the maximum and the holder are
 * opened.
 */
public final class MaximumProgram implements MpcProgram<Long, MaximumProgram.Result> {

    /** @param holder 1-based index of the (first) party holding the maximum */
    public record Result(long maximum, int holder) {
    }

    private final SecureIntType type;

    public MaximumProgram(SecureIntType type) {
        this.type = type;
    }

    @Override
    public ProgramDescriptor descriptor() {
        return ProgramDescriptor.of("max", 1, Map.of("bits", "" + type.bits(), "kappa", "" + type.kappa()));
    }

    @Override
    public SecureIntType integerType() {
        return type;
    }

    @Override
    public <V> Result run(MpcEngine<V> engine, Long input) throws MpcException {
        type.requireInRange(input);
        List<Shares<V>> values = new ArrayList<>(engine.inputAll(new long[] {input}));
        List<Shares<V>> holders = new ArrayList<>();
        for (int i = 1; i <= engine.parties(); i++) {
            holders.add(engine.constant(i));
        }
        while (values.size() > 1) {
            int pairs = values.size() / 2;
            List<Shares<V>> left = new ArrayList<>();
            List<Shares<V>> right = new ArrayList<>();
            List<Shares<V>> leftHolder = new ArrayList<>();
            List<Shares<V>> rightHolder = new ArrayList<>();
            for (int k = 0; k < pairs; k++) {
                left.add(values.get(2 * k));
                right.add(values.get(2 * k + 1));
                leftHolder.add(holders.get(2 * k));
                rightHolder.add(holders.get(2 * k + 1));
            }
            Shares<V> l = engine.concat(left);
            Shares<V> r = engine.concat(right);
            Shares<V> lh = engine.concat(leftHolder);
            Shares<V> rh = engine.concat(rightHolder);
            Shares<V> rightWins = engine.lessThan(l, r);
            // one round for both selections: [rightWins | rightWins] * [r - l | rh - lh]
            Shares<V> delta = engine.mul(engine.concat(rightWins, rightWins),
                    engine.concat(engine.sub(r, l), engine.sub(rh, lh)));
            Shares<V> winners = engine.add(l, engine.slice(delta, 0, pairs));
            Shares<V> winnerHolders = engine.add(lh, engine.slice(delta, pairs, 2 * pairs));
            List<Shares<V>> nextValues = new ArrayList<>();
            List<Shares<V>> nextHolders = new ArrayList<>();
            for (int k = 0; k < pairs; k++) {
                nextValues.add(engine.slice(winners, k, k + 1));
                nextHolders.add(engine.slice(winnerHolders, k, k + 1));
            }
            if (values.size() % 2 == 1) {
                nextValues.add(values.get(values.size() - 1));
                nextHolders.add(holders.get(holders.size() - 1));
            }
            values = nextValues;
            holders = nextHolders;
        }
        long[] opened = engine.open(engine.concat(values.get(0), holders.get(0)));
        return new Result(opened[0], (int) opened[1]);
    }
}
