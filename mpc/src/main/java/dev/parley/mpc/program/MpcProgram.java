package dev.parley.mpc.program;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.field.SecureIntType;

/**
 * A secure computation run identically by every party: the same operations in the same order, only the private inputs
 * differ. Branching is allowed on opened (public) values only, which every party sees alike.
 *
 * @param <I> this party's private input
 * @param <R> what this party learns
 */
public interface MpcProgram<I, R> {

    ProgramDescriptor descriptor();

    /** The integer type, which fixes the field. */
    SecureIntType integerType();

    <V> R run(MpcEngine<V> engine, I input) throws MpcException;
}
