package dev.parley.mpc.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mpc.LocalParties;
import dev.parley.mpc.PartyUnreachableException;
import dev.parley.mpc.ProtocolViolationException;
import dev.parley.mpc.TransportException;
import dev.parley.mpc.engine.EngineConfig;
import dev.parley.mpc.engine.MpcEngine;
import dev.parley.mpc.field.Mersenne61Field;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.MpcProgram;
import dev.parley.mpc.program.ProgramRunner;
import dev.parley.mpc.program.programs.BenchmarkProgram;
import dev.parley.mpc.program.programs.MaximumProgram;
import dev.parley.mpc.program.programs.SecretSantaProgram;
import dev.parley.mpc.program.programs.SumProgram;
import dev.parley.mpc.program.programs.VoteProgram;
import dev.parley.mpc.sharing.Shares;
import dev.parley.session.Channel;
import dev.parley.session.ChannelMode;
import dev.parley.session.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SessionTransport} over a real mesh of sessions (Noise handshake, records, UDP on loopback). */
class SessionTransportTest {
    private static final Duration SEND = Duration.ofSeconds(10);
    private static final EngineConfig CONFIG = EngineConfig.defaults().withRoundTimeout(Duration.ofSeconds(20));
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Runs the callables in parallel and returns each outcome: a value or the exception it ended with. */
    private List<Object> outcomes(List<Callable<Object>> parties) throws InterruptedException {
        List<Future<Object>> futures = new ArrayList<>();
        for (Callable<Object> c : parties) {
            futures.add(pool.submit(c));
        }
        List<Object> out = new ArrayList<>();
        for (Future<Object> f : futures) {
            try {
                out.add(f.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                out.add(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                out.add(e);
            }
        }
        return out;
    }

    private <I, R> List<Object> runProgram(MpcProgram<I, R> program, List<I> inputs) throws Exception {
        List<Transport> transports = SessionMesh.transports(3, 7, SEND);
        List<Callable<Object>> parties = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int party = i;
            parties.add(() -> ProgramRunner.run(program, inputs.get(party - 1), transports.get(party - 1), 1, CONFIG,
                    LocalParties.seeded(party)));
        }
        return assertTimeoutPreemptively(Duration.ofSeconds(90), () -> outcomes(parties));
    }

    @Test
    void everyProgramRunsCorrectlyOverSessions() throws Exception {
        SecureIntType int32 = SecureIntType.int32();
        for (Object r : runProgram(new SumProgram(int32), List.of(5L, -12L, 40L))) {
            assertEquals(new SumProgram.Result(33, 3), r);
        }
        for (Object r : runProgram(new MaximumProgram(int32), List.of(5L, 99L, -3L))) {
            assertEquals(new MaximumProgram.Result(99, 2), r);
        }
        for (Object r : runProgram(new VoteProgram(), List.of(true, false, true))) {
            assertEquals(new VoteProgram.Result(2, 1), r);
        }
        BenchmarkProgram bench = new BenchmarkProgram(int32, 1_000, 5, 20, Clock.systemUTC());
        List<Object> runs = runProgram(bench, Arrays.asList(null, null, null));
        for (Object r : runs) {
            assertEquals(((BenchmarkProgram.Result) runs.get(0)).checksum(), ((BenchmarkProgram.Result) r).checksum(),
                    "every party opens the same results");
        }
        List<Object> santa = runProgram(new SecretSantaProgram(), Arrays.asList(null, null, null));
        Set<Object> receivers = new HashSet<>(santa);
        assertEquals(Set.of(1, 2, 3), receivers, "a permutation of the parties: " + santa);
        for (int i = 0; i < 3; i++) {
            assertTrue(!santa.get(i).equals(i + 1), "nobody gives to themselves: " + santa);
        }
    }

    @Test
    void carriesLargeBatchesBothWaysAtOnce() throws Exception {
        // 200,000 elements of 8 bytes: 1.6 MB each way, more than a session's send buffer and flow-control window,
        // so parties that block in send before receiving would wait on each other forever
        List<Transport> transports = SessionMesh.transports(3, 8, SEND);
        List<Callable<Object>> parties = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Transport tr = transports.get(i - 1);
            parties.add(() -> {
                try (MpcEngine<long[]> e = MpcEngine.start(tr, Mersenne61Field.instance(), 1,
                        new SecureIntType(32, 24), CONFIG, LocalParties.seeded(tr.self()))) {
                    long[] x = new long[200_000];
                    Arrays.setAll(x, k -> k % 1000);
                    Shares<long[]> a = e.constant(x);
                    return e.open(e.mul(a, a))[199_999];
                }
            });
        }
        for (Object r : assertTimeoutPreemptively(Duration.ofSeconds(90), () -> outcomes(parties))) {
            assertEquals(999L * 999L, r);
        }
    }

    @Test
    void keepsTheTransportContract() throws Exception {
        List<Transport> t = SessionMesh.transports(3, 9, SEND);
        try {
            assertEquals(2, t.get(1).self());
            assertEquals(3, t.get(1).parties());
            t.get(0).send(2, 1, new byte[] {1, 2, 3});
            t.get(0).send(2, 2, new byte[0]);
            assertArrayEquals(new byte[] {1, 2, 3}, t.get(1).receive(1, 1, SEND));
            assertArrayEquals(new byte[0], t.get(1).receive(1, 2, SEND));
            assertThrows(IllegalArgumentException.class, () -> t.get(0).send(1, 3, new byte[1]));
            assertThrows(IllegalArgumentException.class, () -> t.get(0).receive(4, 3, SEND));
            PartyUnreachableException silent = assertThrows(PartyUnreachableException.class,
                    () -> t.get(1).receive(3, 3, Duration.ofMillis(50)));
            assertEquals("party 3 sent nothing for round 3 within 50ms", silent.getMessage());
            assertEquals(3, silent.party());
            TransportException big = assertThrows(TransportException.class,
                    () -> t.get(0).send(2, 3, new byte[(16 << 20)]));
            assertTrue(big.getMessage().contains("above the limit of " + ((16 << 20) - 8)), big.getMessage());
        } finally {
            t.forEach(Transport::close);
        }
        TransportException closed = assertThrows(TransportException.class, () -> t.get(0).send(2, 5, new byte[1]));
        assertEquals("party 1's transport is closed; cannot send round 5", closed.getMessage());
    }

    @Test
    void holdsMessagesForLaterRoundsUntilAskedFor() throws Exception {
        List<Transport> t = SessionMesh.transports(2, 10, SEND);
        try {
            t.get(0).send(2, 5, new byte[] {5});
            t.get(0).send(2, 6, new byte[] {6});
            // round 4 never comes (the peer skipped it); rounds 5 and 6 wait for their turn
            assertThrows(PartyUnreachableException.class, () -> t.get(1).receive(1, 4, Duration.ofMillis(300)));
            assertArrayEquals(new byte[] {5}, t.get(1).receive(1, 5, SEND));
            assertArrayEquals(new byte[] {6}, t.get(1).receive(1, 6, SEND));
            t.get(0).send(2, 7, new byte[] {7});
            assertArrayEquals(new byte[] {7}, t.get(1).receive(1, 7, SEND));
        } finally {
            t.forEach(Transport::close);
        }
    }

    @Test
    void rejectsAMessageForAnEarlierRound() throws Exception {
        List<Transport> t = SessionMesh.transports(2, 11, SEND);
        try {
            t.get(0).send(2, 5, new byte[] {5});
            t.get(0).send(2, 4, new byte[] {4});
            assertArrayEquals(new byte[] {5}, t.get(1).receive(1, 5, SEND));
            ProtocolViolationException e = assertThrows(ProtocolViolationException.class,
                    () -> t.get(1).receive(1, 6, SEND));
            assertEquals("party 1 sent a message for round 4 while this party expected round 6 (rounds only move"
                    + " forward)", e.getMessage());
            assertEquals(1, e.party());
        } finally {
            t.forEach(Transport::close);
        }
    }

    @Test
    void rejectsAPeerRunningTooFarAhead() throws Exception {
        List<Transport> t = SessionMesh.transports(2, 12, SEND);
        try {
            for (long r = 2; r <= 10; r++) {
                t.get(0).send(2, r, new byte[1]);
            }
            ProtocolViolationException e = assertThrows(ProtocolViolationException.class,
                    () -> t.get(1).receive(1, 1, SEND));
            assertEquals("party 1 ran more than 8 rounds ahead (round 10 while this party waits for round 1)",
                    e.getMessage());
        } finally {
            t.forEach(Transport::close);
        }
    }

    @Test
    void rejectsAMessageTooShortToNameItsRound() throws Exception {
        List<Map<Integer, Session>> mesh = SessionMesh.open(2, 13);
        Channel rogue = mesh.get(0).get(2).openChannel(SessionTransport.ROUND_CHANNEL, ChannelMode.MESSAGE);
        try (Transport victim = SessionTransport.over(2, 2, mesh.get(1), SEND)) {
            rogue.send(new byte[] {0, 0, 1});
            ProtocolViolationException e = assertThrows(ProtocolViolationException.class,
                    () -> victim.receive(1, 1, SEND));
            assertEquals("party 1 sent a 3-byte message while waiting for round 1; every message starts with an"
                    + " 8-byte round", e.getMessage());
        } finally {
            mesh.get(0).get(2).close();
        }
    }

    @Test
    void aPeerThatClosesMidRunMakesTheOthersFailFast() throws Exception {
        List<Transport> transports = SessionMesh.transports(3, 14, SEND);
        // rounds wait up to 5 minutes: finishing well inside the test's bound shows the close was seen, not timed out
        EngineConfig patient = EngineConfig.defaults().withRoundTimeout(Duration.ofMinutes(5));
        List<Callable<Object>> parties = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Transport tr = transports.get(i - 1);
            parties.add(() -> {
                try (MpcEngine<long[]> e = MpcEngine.start(tr, Mersenne61Field.instance(), 1,
                        new SecureIntType(16, 30), patient, LocalParties.seeded(tr.self()))) {
                    if (tr.self() == 2) {
                        return "left";
                    }
                    return e.open(e.mul(e.constant(2), e.constant(3)));
                }
            });
        }
        List<Object> out = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> outcomes(parties));
        assertEquals("left", out.get(1));
        PartyUnreachableException e = assertInstanceOf(PartyUnreachableException.class, out.get(0));
        assertEquals(2, e.party());
        assertTrue(e.getMessage().startsWith("party 2 left before round 2"), e.getMessage());
        assertInstanceOf(PartyUnreachableException.class, out.get(2));
    }
}
