package dev.parley.mpc.program.programs;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.MpcProgram;
import dev.parley.mpc.program.ProgramDescriptor;
import java.util.Map;

/** A yes/no vote: everyone learns the number of yes votes, nobody learns who voted how. */
public final class VoteProgram implements MpcProgram<Boolean, VoteProgram.Result> {

    public record Result(int yes, int no) {
    }

    @Override
    public ProgramDescriptor descriptor() {
        return ProgramDescriptor.of("vote", 1, Map.of());
    }

    @Override
    public SecureIntType integerType() {
        return new SecureIntType(8, SecureIntType.DEFAULT_KAPPA);
    }

    @Override
    public <V> Result run(MpcEngine<V> engine, Boolean yes) throws MpcException {
        var inputs = engine.inputAll(new long[] {yes ? 1 : 0});
        int count = (int) engine.open(engine.sum(engine.concat(inputs)))[0];
        return new Result(count, engine.parties() - count);
    }
}
