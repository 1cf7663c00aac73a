package dev.parley.mpc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mpc.LocalParties;
import dev.parley.mpc.MpcException;
import dev.parley.mpc.PartyUnreachableException;
import dev.parley.mpc.ProgramMismatchException;
import dev.parley.mpc.ProtocolViolationException;
import dev.parley.mpc.field.Mersenne61Field;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.MpcProgram;
import dev.parley.mpc.program.ProgramRunner;
import dev.parley.mpc.program.programs.MaximumProgram;
import dev.parley.mpc.program.programs.SumProgram;
import dev.parley.mpc.sharing.Shares;
import dev.parley.mpc.transport.InMemoryNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Dropouts, departures, malformed and out-of-round messages and program mismatches end every party with a clear error. */
class RobustnessTest {

    private static final SecureIntType FAST = new SecureIntType(16, 30); // fits 2^61-1 for n = 3
    private static final EngineConfig SHORT = EngineConfig.defaults().withRoundTimeout(Duration.ofMillis(400));

    /** Runs the callables in parallel and returns each outcome: a value or the exception it ended with. */
    private static List<Object> outcomes(List<Callable<Object>> parties) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parties.size());
        try {
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
        } finally {
            pool.shutdownNow();
        }
    }

    private static MpcEngine<long[]> start(InMemoryNetwork net, int party) throws MpcException {
        return MpcEngine.start(net.transport(party), Mersenne61Field.instance(), 1, FAST, SHORT,
                LocalParties.seeded(party));
    }

    @Test
    void aVanishedPartyMakesTheOthersStopWithAClearError() throws Exception {
        InMemoryNetwork net = InMemoryNetwork.of(3);
        List<Callable<Object>> parties = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int party = i;
            parties.add(() -> {
                MpcEngine<long[]> e = start(net, party);
                Shares<long[]> x = e.input(1, party == 1 ? new long[] {5} : null, 1);
                if (party == 3) {
                    return "vanished"; // stops answering without closing: a crash or lost network
                }
                for (int k = 0; k < 5; k++) {
                    x = e.mul(x, x);
                }
                return e.open(x);
            });
        }
        List<Object> out = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> outcomes(parties));
        assertEquals("vanished", out.get(2));
        // the first multiplication (round 3) needs party 3's reshare; nobody hangs
        PartyUnreachableException e1 = assertInstanceOf(PartyUnreachableException.class, out.get(0));
        assertEquals("party 3 sent nothing for round 3 within 400ms", e1.getMessage());
        assertEquals(3, e1.party());
        assertInstanceOf(PartyUnreachableException.class, out.get(1));
    }

    @Test
    void aPartyThatClosesMakesTheOthersStopAtOnce() throws Exception {
        InMemoryNetwork net = InMemoryNetwork.of(3);
        EngineConfig patient = EngineConfig.defaults().withRoundTimeout(Duration.ofMinutes(5));
        List<Callable<Object>> parties = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int party = i;
            parties.add(() -> {
                MpcEngine<long[]> e = MpcEngine.start(net.transport(party), Mersenne61Field.instance(), 1, FAST,
                        patient, LocalParties.seeded(party));
                if (party == 2) {
                    e.close();
                    return "left";
                }
                return e.open(e.mul(e.constant(2), e.constant(3)));
            });
        }
        // the round timeout is 5 minutes: finishing well inside 60 s shows departure is detected, not timed out
        List<Object> out = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> outcomes(parties));
        PartyUnreachableException e = assertInstanceOf(PartyUnreachableException.class, out.get(0));
        assertTrue(e.getMessage().startsWith("party 2 left before round 2"), e.getMessage());
    }

    @Test
    void aMalformedMessageIsRejectedWithAClearError() throws Exception {
        checkRogue(new byte[7], "party 3 sent 7 bytes for round 2 where the protocol expects 8");
        byte[] outOfField = new byte[8];
        java.util.Arrays.fill(outOfField, (byte) 0xFF);
        checkRogue(outOfField, "party 3 sent a malformed message for round 2: element 0 is not below 2^61-1");
    }

    @Test
    void anOutOfRoundMessageIsRejectedWithAClearError() throws Exception {
        InMemoryNetwork net = InMemoryNetwork.of(3);
        List<Callable<Object>> parties = honestPair(net);
        parties.add(() -> {
            MpcEngine<long[]> e = start(net, 3);
            net.transport(3).send(1, 9, new byte[8]); // skips ahead to round 9
            net.transport(3).send(2, 9, new byte[8]);
            return "rogue";
        });
        List<Object> out = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> outcomes(parties));
        ProtocolViolationException e = assertInstanceOf(ProtocolViolationException.class, out.get(0));
        assertEquals("party 3 sent a message for round 9 while this party expected round 2", e.getMessage());
        assertInstanceOf(ProtocolViolationException.class, out.get(1));
    }

    /** Parties 1 and 2 follow the protocol (a multiplication in round 2); party 3 sends {@code payload} instead. */
    private void checkRogue(byte[] payload, String expected) throws Exception {
        InMemoryNetwork net = InMemoryNetwork.of(3);
        List<Callable<Object>> parties = honestPair(net);
        parties.add(() -> {
            start(net, 3);
            net.transport(3).send(1, 2, payload);
            net.transport(3).send(2, 2, payload.clone());
            return "rogue";
        });
        List<Object> out = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> outcomes(parties));
        ProtocolViolationException e = assertInstanceOf(ProtocolViolationException.class, out.get(0));
        assertEquals(expected, e.getMessage());
        assertEquals(3, e.party());
        assertInstanceOf(ProtocolViolationException.class, out.get(1));
    }

    private List<Callable<Object>> honestPair(InMemoryNetwork net) {
        List<Callable<Object>> parties = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            int party = i;
            parties.add(() -> {
                MpcEngine<long[]> e = start(net, party);
                Shares<long[]> p = e.mul(e.constant(2), e.constant(3));
                return e.open(p);
            });
        }
        return parties;
    }

    @Test
    void aProgramMismatchStopsEveryPartyBeforeAnyInputIsShared() throws Exception {
        InMemoryNetwork net = InMemoryNetwork.of(3);
        List<Callable<Object>> parties = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int party = i;
            MpcProgram<Long, ?> program = party == 3 ? new MaximumProgram(SecureIntType.int32())
                    : new SumProgram(SecureIntType.int32());
            parties.add(() -> ProgramRunner.run(program, 42L, net.transport(party), 1, SHORT,
                    LocalParties.seeded(party)));
        }
        List<Object> out = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> outcomes(parties));
        String sum = new SumProgram(SecureIntType.int32()).descriptor().fingerprint().hex().substring(0, 16);
        String max = new MaximumProgram(SecureIntType.int32()).descriptor().fingerprint().hex().substring(0, 16);
        ProgramMismatchException e1 = assertInstanceOf(ProgramMismatchException.class, out.get(0));
        assertEquals("party 3 runs program " + max + " but this party runs " + sum
                + " (sum v1); all parties must run the same program, version and parameters", e1.getMessage());
        ProgramMismatchException e3 = assertInstanceOf(ProgramMismatchException.class, out.get(2));
        assertTrue(e3.getMessage().contains(sum) && e3.getMessage().contains(max + " (max v1)"), e3.getMessage());
        assertInstanceOf(MpcException.class, out.get(1));
    }

    @Test
    void rejectsThresholdsWithoutHonestMajorityAndFieldsTooSmall() {
        InMemoryNetwork net = InMemoryNetwork.of(4);
        assertThrows(IllegalArgumentException.class, () -> MpcEngine.start(net.transport(1),
                Mersenne61Field.instance(), 2, FAST, SHORT, LocalParties.seeded(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MpcEngine.start(
                net.transport(1), Mersenne61Field.instance(), 1, SecureIntType.int32(), SHORT, LocalParties.seeded(1)));
        assertTrue(e.getMessage().contains("needs a field of 67 bits"), e.getMessage());
    }
}
