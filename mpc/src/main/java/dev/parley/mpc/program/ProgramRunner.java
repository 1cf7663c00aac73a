package dev.parley.mpc.program;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.ProgramMismatchException;
import dev.parley.mpc.ProtocolViolationException;
import dev.parley.mpc.engine.EngineConfig;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.field.PrimeField;
import dev.parley.mpc.transport.Transport;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Runs one program for one party: round 0 exchanges the program fingerprint and (n, t) with every peer and stops with
 * {@link ProgramMismatchException} before any input is shared if anything differs; then the engine starts (PRSS key
 * agreement) and the program runs. The transport is closed at the end either way.
 */
public final class ProgramRunner {

    private ProgramRunner() {
    }

    public static <I, R> R run(MpcProgram<I, R> program, I input, Transport transport, int threshold,
                               EngineConfig config, SecureRandom random) throws MpcException {
        try (transport) {
            ProgramFingerprint mine = program.descriptor().fingerprint();
            handshake(transport, mine, threshold, config, MpcEngine.PROTOCOL_VERSION);
            PrimeField<?> field = program.integerType().selectField(transport.parties(), threshold);
            return runIn(field, program, input, transport, threshold, config, random);
        }
    }

    private static <V, I, R> R runIn(PrimeField<V> field, MpcProgram<I, R> program, I input, Transport transport,
                                     int threshold, EngineConfig config, SecureRandom random) throws MpcException {
        try (MpcEngine<V> engine = MpcEngine.start(transport, field, threshold, program.integerType(), config, random)) {
            return program.run(engine, input);
        }
    }

    /**
     * Round 0: send {@code fingerprint || n || t || engine protocol version} to everyone, compare with what
     * everyone sent. The engine version matters because engines of different Parley releases may take
     * different round sequences for the same program and would otherwise fail only mid-run.
     */
    static void handshake(Transport transport, ProgramFingerprint mine, int threshold, EngineConfig config,
                          int engineVersion) throws MpcException {
        int n = transport.parties();
        byte[] hello = ByteBuffer.allocate(ProgramFingerprint.BYTES + 12).put(mine.bytes()).putInt(n)
                .putInt(threshold).putInt(engineVersion).array();
        for (int j = 1; j <= n; j++) {
            if (j != transport.self()) {
                transport.send(j, 0, hello.clone());
            }
        }
        for (int i = 1; i <= n; i++) {
            if (i == transport.self()) {
                continue;
            }
            byte[] theirs = transport.receive(i, 0, config.roundTimeout());
            if (theirs.length != hello.length) {
                throw new ProtocolViolationException(i, 0, "party " + i + " sent a " + theirs.length
                        + "-byte program handshake, expected " + hello.length);
            }
            mine.requireSame(ProgramFingerprint.fromBytes(Arrays.copyOf(theirs, ProgramFingerprint.BYTES)),
                    "party " + i);
            ByteBuffer rest = ByteBuffer.wrap(theirs, ProgramFingerprint.BYTES, 12);
            int theirN = rest.getInt();
            int theirT = rest.getInt();
            int theirVersion = rest.getInt();
            if (theirVersion != engineVersion) {
                throw new ProgramMismatchException("party " + i + " runs MPC engine protocol v" + theirVersion
                        + " but this party runs v" + engineVersion + "; all parties must run the same Parley release");
            }
            if (theirN != n || theirT != threshold) {
                throw new ProgramMismatchException("party " + i + " runs with n=" + theirN + ", t=" + theirT
                        + " but this party runs with n=" + n + ", t=" + threshold);
            }
        }
    }
}
