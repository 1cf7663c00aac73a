package dev.parley.mpc.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mpc.LocalParties;
import dev.parley.mpc.PartyUnreachableException;
import dev.parley.mpc.ProtocolViolationException;
import dev.parley.mpc.engine.EngineConfig;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.ProgramRunner;
import dev.parley.mpc.program.programs.SumProgram;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DidCommTransport}: each round message an authcrypt DIDComm message through a real mediator. */
class DidCommTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void runsTheSumProgramThroughTheMediator(@TempDir Path dir) throws Exception {
        try (DidCommParties p = new DidCommParties(3, dir, "run-sum")) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<SumProgram.Result>> results = new ArrayList<>();
                long[] inputs = {7, -2, 30};
                for (int i = 1; i <= 3; i++) {
                    int party = i;
                    results.add(pool.submit(() -> ProgramRunner.run(new SumProgram(SecureIntType.int32()),
                            inputs[party - 1], p.transports().get(party - 1), 1,
                            EngineConfig.defaults().withRoundTimeout(WAIT), LocalParties.seeded(party))));
                }
                for (Future<SumProgram.Result> f : results) {
                    assertEquals(new SumProgram.Result(35, 3), f.get(120, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void checksRoundsAndReportsADeparture(@TempDir Path dir) throws Exception {
        try (DidCommParties p = new DidCommParties(2, dir, "run-rounds")) {
            Transport a = p.transports().get(0);
            Transport b = p.transports().get(1);
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                a.send(2, 3, new byte[] {3});
                a.send(2, 4, new byte[] {4});
                a.send(2, 2, new byte[] {2});
                assertArrayEquals(new byte[] {3}, b.receive(1, 3, WAIT));
                assertArrayEquals(new byte[] {4}, b.receive(1, 4, WAIT));
                ProtocolViolationException back = assertThrows(ProtocolViolationException.class,
                        () -> b.receive(1, 5, WAIT));
                assertEquals("party 1 sent a message for round 2 while this party expected round 5 (rounds only"
                        + " move forward)", back.getMessage());
                a.close();
                PartyUnreachableException gone = assertThrows(PartyUnreachableException.class,
                        () -> b.receive(1, 6, WAIT));
                assertTrue(gone.getMessage().startsWith("party 1 left before round 6"), gone.getMessage());
            });
        }
    }
}
