package dev.parley.mpc.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mpc.PartyUnreachableException;
import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.ProgramBinding;
import dev.parley.mpc.program.ProgramInputs;
import dev.parley.mpc.program.ProgramRegistry;
import dev.parley.mpc.program.ProgramResults;
import dev.parley.mpc.program.programs.SumProgram;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole groups in one JVM (a thread per party) through a real mediator and real sessions over loopback. */
class GroupFlowTest {
    private static final ProgramRegistry REGISTRY = ProgramRegistry.standard(GroupFixture.CLOCK);

    @TempDir
    static Path dir;
    private static GroupFixture fixture;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() throws Exception {
        fixture = new GroupFixture(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static ProgramBinding.PreparedRun prepared(String program, String input) throws Exception {
        return REGISTRY.find(program).orElseThrow().prepare(Optional.ofNullable(input));
    }

    private GroupHost host(GroupIdentity id, ProgramBinding.PreparedRun run, int n, GroupSettings settings)
            throws Exception {
        GroupInvitation inv = GroupInvitation.create(id.did(), run.descriptor(), n, (n - 1) / 2,
                fixture.mediator.invitationUrl(), settings, GroupFixture.CLOCK, new SecureRandom());
        return new GroupHost(id, fixture.mailbox(id), inv, run, settings, line -> { }, GroupFixture.CLOCK,
                new SecureRandom());
    }

    private GroupJoiner joiner(GroupIdentity id, GroupInvitation inv, ProgramBinding.PreparedRun run,
                               GroupSettings settings) throws Exception {
        GroupInvitation read = GroupInvitation.read(inv.toLink(java.net.URI.create("https://parley.dev/g")),
                REGISTRY, GroupFixture.CLOCK);
        return new GroupJoiner(id, fixture.mailbox(id), read, run, settings, line -> { }, GroupFixture.CLOCK,
                new SecureRandom());
    }

    private <T> Future<T> async(Callable<T> c) {
        return threads.submit(c);
    }

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private static Throwable failure(Future<?> f) throws Exception {
        try {
            f.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("a party hung instead of failing", e);
        }
        throw new AssertionError("expected the party to fail, it finished");
    }

    private static Set<Integer> otherIndices(int self, int n) {
        Set<Integer> s = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            if (i != self) {
                s.add(i);
            }
        }
        return s;
    }

    @ParameterizedTest(name = "{0} parties, {1}")
    @CsvSource({"3, sum", "4, sum", "3, secret-santa", "4, secret-santa"})
    void groupComputesThroughTheMediatorAndFullMesh(int n, String program) throws Exception {
        GroupSettings settings = GroupFixture.settings(Duration.ofSeconds(20));
        boolean sum = program.equals("sum");
        GroupHost host = host(fixture.identity(true), prepared(program, sum ? "10" : null), n, settings);
        List<Future<GroupOutcome>> parties = new ArrayList<>();
        parties.add(async(host::run));
        for (int i = 2; i <= n; i++) {
            GroupJoiner j = joiner(fixture.identity(i % 2 == 0), host.invitation(),
                    prepared(program, sum ? String.valueOf(i * 7 - 20) : null), settings);
            parties.add(async(j::run));
        }
        List<GroupOutcome> outcomes = new ArrayList<>();
        for (Future<GroupOutcome> f : parties) {
            outcomes.add(await(f));
        }
        long expectedSum = 10;
        for (int i = 2; i <= n; i++) {
            expectedSum += i * 7 - 20;
        }
        Set<Integer> receivers = new HashSet<>();
        Set<Integer> indices = new HashSet<>();
        for (GroupOutcome o : outcomes) {
            assertEquals(n, o.parties());
            assertEquals(n - 1, o.paths().size());
            assertEquals(o.paths().keySet(), otherIndices(o.party(), n));
            assertTrue(o.rounds() >= 1);
            indices.add(o.party());
            if (sum) {
                assertEquals(expectedSum, o.result().json().get("sum").asLong(), o.result().text());
            } else {
                int giveTo = o.result().json().get("giveTo").asInt();
                assertNotEquals(o.party(), giveTo, "secret santa gives to oneself");
                assertTrue(giveTo >= 1 && giveTo <= n);
                receivers.add(giveTo);
            }
        }
        assertEquals(n, indices.size(), "every party has its own index");
        assertEquals(1, outcomes.getFirst().party(), "the host is party 1");
        if (!sum) {
            assertEquals(n, receivers.size(), "secret santa is a permutation");
        }
    }

    @Test
    void hostRefusesAnotherProgramVersionBeforeAnyInputNamingBothFingerprints() throws Exception {
        GroupSettings settings = GroupFixture.settings(Duration.ofSeconds(20));
        GroupHost host = host(fixture.identity(false), prepared("sum", "1"), 3, settings);
        Future<GroupOutcome> hosting = async(host::run);
        SumProgram wide = new SumProgram(SecureIntType.int64());
        ProgramBinding.PreparedRun other = new ProgramBinding<>(wide, ProgramInputs.integer("sum", SecureIntType.int64()),
                ProgramResults.sum()).prepare(Optional.of("5"));
        GroupJoiner j = joiner(fixture.identity(false), host.invitation(), other, settings);
        GroupRefusedException e = assertThrows(GroupRefusedException.class, j::run);
        assertEquals(GroupProtocol.PROGRAM_MISMATCH, e.code());
        assertTrue(e.getMessage().contains(host.invitation().fingerprint().hex()), e.getMessage());
        assertTrue(e.getMessage().contains(wide.descriptor().fingerprint().hex()), e.getMessage());
        assertEquals(GroupJoiner.State.FAILED, j.state());
        assertEquals(GroupHost.State.GATHERING, host.state(), "the host still waits: no roster, no input went out");
        hosting.cancel(true);
    }

    @Test
    void fullGroupRefusesALateJoiner() throws Exception {
        GroupSettings settings = GroupFixture.settings(Duration.ofSeconds(20));
        GroupFixture.Parked hostRun = new GroupFixture.Parked(prepared("sum", "1").descriptor());
        GroupFixture.Parked joinerRun = new GroupFixture.Parked(hostRun.descriptor());
        GroupHost host = host(fixture.identity(false), hostRun, 2, settings);
        Future<GroupOutcome> hosting = async(host::run);
        Future<GroupOutcome> joining = async(joiner(fixture.identity(false), host.invitation(), joinerRun,
                settings)::run);
        assertTrue(hostRun.running.await(60, TimeUnit.SECONDS), "the first joiner filled the group");
        GroupJoiner late = joiner(fixture.identity(false), host.invitation(), prepared("sum", "3"), settings);
        GroupRefusedException e = assertThrows(GroupRefusedException.class, late::run);
        assertEquals(GroupProtocol.GROUP_FULL, e.code(), e.getMessage());
        hostRun.release.countDown();
        joinerRun.release.countDown();
        assertEquals("parked", await(hosting).result().text());
        await(joining);
    }

    @Test
    void aPartyThatVanishesAfterTheMeshStopsTheOthersWithinTheRoundBound() throws Exception {
        GroupSettings settings = GroupFixture.settings(Duration.ofSeconds(5));
        GroupHost host = host(fixture.identity(false), prepared("sum", "1"), 3, settings);
        Future<GroupOutcome> hosting = async(host::run);
        Future<GroupOutcome> second = async(joiner(fixture.identity(false), host.invitation(), prepared("sum", "2"),
                settings)::run);
        GroupFixture.Parked silent = new GroupFixture.Parked(host.invitation().program());
        Future<GroupOutcome> third = async(joiner(fixture.identity(false), host.invitation(), silent, settings)::run);
        List<PartyUnreachableException> stopped = new ArrayList<>();
        for (Future<GroupOutcome> f : List.of(hosting, second)) {
            stopped.add(assertInstanceOf(PartyUnreachableException.class, failure(f)));
        }
        silent.release.countDown();
        int silentIndex = await(third).party();
        for (PartyUnreachableException e : stopped) {
            assertEquals(silentIndex, e.party(), e.getMessage());
            assertTrue(e.getMessage().contains("party " + silentIndex), e.getMessage());
        }
    }

    @Test
    void hostGivesUpWhenTooFewJoinBeforeTheInvitationExpires() throws Exception {
        GroupSettings settings = GroupFixture.settings(Duration.ofSeconds(5)).withInvitationValidity(
                Duration.ofSeconds(1));
        GroupHost host = host(fixture.identity(false), prepared("sum", "1"), 3, settings);
        GroupTimeoutException e = assertThrows(GroupTimeoutException.class, host::run);
        assertTrue(e.getMessage().startsWith("only 1 of 3 parties joined before the invitation expired"),
                e.getMessage());
        assertEquals(GroupHost.State.FAILED, host.state());
    }

    @Test
    void joinerGivesUpWhenTheHostNeverAnswers() throws Exception {
        GroupSettings settings = GroupFixture.settings(Duration.ofSeconds(5)).withRosterWait(Duration.ofSeconds(1));
        GroupIdentity absentHost = fixture.identity(false);
        fixture.mailbox(absentHost).close(); // registered at the mediator, then gone
        ProgramBinding.PreparedRun run = prepared("sum", "2");
        GroupInvitation inv = GroupInvitation.create(absentHost.did(), run.descriptor(), 3, 1,
                fixture.mediator.invitationUrl(), settings, GroupFixture.CLOCK, new SecureRandom());
        GroupJoiner j = joiner(fixture.identity(false), inv, run, settings);
        GroupTimeoutException e = assertThrows(GroupTimeoutException.class, j::run);
        assertTrue(e.getMessage().startsWith("no roster from the host within 1 s"), e.getMessage());
        assertEquals(GroupJoiner.State.FAILED, j.state());
    }

    @Test
    void hostRefusesAJoinRequestForAGroupItDoesNotRun() throws Exception {
        GroupSettings settings = GroupFixture.settings(Duration.ofSeconds(5));
        GroupHost host = host(fixture.identity(false), prepared("sum", "1"), 3, settings);
        Future<GroupOutcome> hosting = async(host::run);
        GroupInvitation current = host.invitation();
        GroupInvitation old = new GroupInvitation("ffeeddccbbaa99887766554433221100", current.hostDid(),
                current.program(), 3, 1, current.expiresAt(), current.mediator());
        GroupJoiner j = joiner(fixture.identity(false), old, prepared("sum", "2"), settings);
        GroupRefusedException e = assertThrows(GroupRefusedException.class, j::run);
        assertEquals(GroupProtocol.INVITATION_EXPIRED, e.code(), e.getMessage());
        assertEquals(GroupHost.State.GATHERING, host.state());
        hosting.cancel(true);
    }

    @Test
    void hostRefusesMalformedJoinRequestsAndKeepsGathering() throws Exception {
        GroupSettings settings = GroupFixture.settings(Duration.ofSeconds(5));
        GroupIdentity hostId = fixture.identity(false);
        GroupHost host = host(hostId, prepared("sum", "1"), 3, settings);
        Future<GroupOutcome> hosting = async(host::run);
        String group = host.invitation().groupId();
        GroupIdentity sender = fixture.identity(false);
        var mailbox = fixture.mailbox(sender);
        var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        var sum = REGISTRY.find("sum").orElseThrow().program().descriptor();
        var valid = (com.fasterxml.jackson.databind.node.ObjectNode) GroupMessages.joinRequest("x", sender.did(),
                hostId.did(), group, sum).body();
        List<com.fasterxml.jackson.databind.node.ObjectNode> bodies = List.of(
                json.objectNode(),                                                    // nothing
                json.objectNode().put("program", "sum").put("fingerprint", "00"),    // program not an object
                json.objectNode().set("program", json.objectNode().put("name", "sum")), // no version, no fingerprint
                valid.deepCopy().put("fingerprint", "ab".repeat(32)),                // not its program's
                valid.deepCopy().put("fingerprint", "x".repeat(10_000)));            // oversized field
        for (int i = 0; i < bodies.size(); i++) {
            String id = "bad-" + i;
            mailbox.send(dev.parley.didcomm.message.Message.builder(id, GroupProtocol.JOIN_REQUEST)
                    .from(sender.did()).to(List.of(hostId.did())).pthid(group).body(bodies.get(i)).build());
            var answer = mailbox.next(m -> id.equals(m.pthid()), Duration.ofSeconds(30)).orElseThrow(() ->
                    new AssertionError("no answer to malformed join-request " + id));
            GroupRefusedException refusal = GroupMessages.readRefusal(answer);
            assertEquals(GroupProtocol.BAD_REQUEST, refusal.code(), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("malformed join-request"), refusal.getMessage());
        }
        assertEquals(GroupHost.State.GATHERING, host.state(), "the host keeps waiting for real joiners");
        hosting.cancel(true);
    }

    @Test
    void hostAnswersAtMostABoundedNumberOfRefusals() throws Exception {
        GroupSettings settings = GroupFixture.settings(Duration.ofSeconds(5));
        GroupIdentity hostId = fixture.identity(false);
        ProgramBinding.PreparedRun run = prepared("sum", "1");
        GroupInvitation inv = GroupInvitation.create(hostId.did(), run.descriptor(), 3, 1,
                fixture.mediator.invitationUrl(), settings, GroupFixture.CLOCK, new SecureRandom());
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        GroupHost host = new GroupHost(hostId, fixture.mailbox(hostId), inv, run, settings, lines::add,
                GroupFixture.CLOCK, new SecureRandom());
        Future<GroupOutcome> hosting = async(host::run);
        GroupIdentity flooder = fixture.identity(false);
        var mailbox = fixture.mailbox(flooder);
        var other = REGISTRY.find("vote").orElseThrow().program().descriptor();
        int sent = GroupHost.MAX_REFUSALS + 2;
        for (int i = 0; i < sent; i++) {
            mailbox.send(GroupMessages.joinRequest("flood-" + i, flooder.did(), hostId.did(), inv.groupId(), other));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines.stream().noneMatch(l -> l.contains("dropping further ones"))) {
            assertTrue(System.nanoTime() < deadline, "the host did not reach its refusal bound: " + lines.size());
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals(GroupHost.MAX_REFUSALS, lines.stream().filter(l -> l.startsWith("refused ")).count());
        hosting.cancel(true);
    }
}
