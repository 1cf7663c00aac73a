package dev.parley.mpc.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.mpc.ProgramMismatchException;
import dev.parley.mpc.engine.EngineConfig;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.programs.SumProgram;
import dev.parley.mpc.transport.InMemoryNetwork;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EngineVersionHandshakeTest {

    @Test
    void partiesOfDifferentEngineReleasesRefuseEachOtherBeforeAnyInput() throws Exception {
        InMemoryNetwork net = InMemoryNetwork.of(2);
        ProgramFingerprint fingerprint = new SumProgram(SecureIntType.int32()).descriptor().fingerprint();
        EngineConfig config = EngineConfig.defaults().withRoundTimeout(Duration.ofSeconds(5));
        CompletableFuture<Void> old = CompletableFuture.runAsync(() -> {
            try {
                ProgramRunner.handshake(net.transport(2), fingerprint, 0, config, MpcEngine.PROTOCOL_VERSION - 1);
            } catch (Exception expected) {
                // this side refuses too; the assertion below is about the current side's message
            }
        });
        ProgramMismatchException e = assertThrows(ProgramMismatchException.class,
                () -> ProgramRunner.handshake(net.transport(1), fingerprint, 0, config, MpcEngine.PROTOCOL_VERSION));
        assertEquals("party 2 runs MPC engine protocol v" + (MpcEngine.PROTOCOL_VERSION - 1) + " but this party runs v"
                + MpcEngine.PROTOCOL_VERSION + "; all parties must run the same Parley release", e.getMessage());
        old.get();
    }
}
