package dev.parley.mpc.program.programs;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.MpcProgram;
import dev.parley.mpc.program.ProgramDescriptor;
import dev.parley.mpc.sharing.Shares;
import java.util.List;
import java.util.Map;

/** Sum and average of one private integer per party; only the sum is opened (the average follows from it and n). */
public final class SumProgram implements MpcProgram<Long, SumProgram.Result> {

    /** @param sum the exact sum; {@link #average()} divides by the number of parties */
    public record Result(long sum, int parties) {
        public double average() {
            return (double) sum / parties;
        }
    }

    private final SecureIntType type;

    public SumProgram(SecureIntType type) {
        this.type = type;
    }

    @Override
    public ProgramDescriptor descriptor() {
        return ProgramDescriptor.of("sum", 1, Map.of("bits", "" + type.bits(), "kappa", "" + type.kappa()));
    }

    @Override
    public SecureIntType integerType() {
        return type;
    }

    @Override
    public <V> Result run(MpcEngine<V> engine, Long input) throws MpcException {
        type.requireInRange(input);
        List<Shares<V>> inputs = engine.inputAll(new long[] {input});
        long sum = engine.open(engine.sum(engine.concat(inputs)))[0];
        return new Result(sum, engine.parties());
    }
}
