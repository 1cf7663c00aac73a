package dev.parley.mpc.group;

import dev.parley.did.DidException;
import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.didcomm.message.Message;
import dev.parley.mpc.MpcException;
import dev.parley.mpc.program.ProgramBinding;
import dev.parley.mpc.program.ProgramDescriptor;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The host's side of a group: waits for join-requests on the invitation, admits the first n-1 whose program
 * fingerprint is the group's and refuses the others (another program, or a full group) with a problem-report, signs
 * the roster (host first, then joiners in the order they were admitted), sends it to every joiner, and runs the mesh
 * and the program as party 1. While the group runs, late join-requests are refused as {@code full}.
 *
 * <p>States: GATHERING (until n-1 admitted or the invitation expires) → RUNNING → DONE, or FAILED from either. One
 * use; {@link #run()} is called once, from one thread.
 */
public final class GroupHost {

    /** Refusals the host sends in one run; later failing join-requests go unanswered. */
    public static final int MAX_REFUSALS = 4 * GroupProtocol.MAX_PARTIES;

    /** Where the host is in its one run. */
    public enum State { NEW, GATHERING, RUNNING, DONE, FAILED }

    private final GroupIdentity me;
    private final MediatorMailbox mailbox;
    private final GroupInvitation invitation;
    private final ProgramBinding.PreparedRun run;
    private final GroupSettings settings;
    private final Consumer<String> progress;
    private final Clock clock;
    private final SecureRandom random;
    private volatile State state = State.NEW;
    private final AtomicInteger refusals = new AtomicInteger();

    /**
     * @param invitation from {@code me}, for the program {@code run} runs
     * @param progress   told one line per event (joined k/n, refusals, roster, sessions, computing, done)
     */
    public GroupHost(GroupIdentity me, MediatorMailbox mailbox, GroupInvitation invitation,
                     ProgramBinding.PreparedRun run, GroupSettings settings, Consumer<String> progress, Clock clock,
                     SecureRandom random) {
        if (!invitation.hostDid().equals(me.did())) {
            throw new IllegalArgumentException("the invitation is from " + invitation.hostDid() + ", not " + me.did());
        }
        if (!invitation.program().equals(run.descriptor())) {
            throw new IllegalArgumentException("the invitation is for " + invitation.program() + " but this party runs "
                    + run.descriptor());
        }
        this.me = me;
        this.mailbox = mailbox;
        this.invitation = invitation;
        this.run = run;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
        this.random = random;
    }

    public GroupInvitation invitation() {
        return invitation;
    }

    public State state() {
        return state;
    }

    /**
     * Gathers the group, sends the signed roster, opens the mesh and computes.
     *
     * @throws GroupTimeoutException fewer than n-1 parties joined before the invitation expired, or a peer's session
     *                               did not open in time
     * @throws IOException           the mediator failed while sending
     */
    public GroupOutcome run() throws GroupException, MpcException, IOException, InterruptedException {
        if (state != State.NEW) {
            throw new IllegalStateException("a group host runs once; it is " + state);
        }
        long start = System.nanoTime();
        state = State.GATHERING;
        Thread refuser = null;
        try {
            progress.accept("joined 1/" + invitation.parties());
            Map<String, GroupMessages.JoinRequest> admitted = gather();
            Duration join = Duration.ofNanos(System.nanoTime() - start);
            refuser = Thread.ofPlatform().daemon().name("parley-group-refuser").start(this::refuseLateJoiners);
            List<String> parties = new ArrayList<>();
            parties.add(me.did());
            parties.addAll(admitted.keySet());
            Roster roster = new Roster(invitation.groupId(), me.did(), invitation.program(), invitation.threshold(),
                    parties);
            SignedRoster signed;
            try {
                signed = SignedRoster.sign(roster, me, dev.parley.did.DidResolver.withInstalledMethods(4));
            } catch (DidException e) {
                throw new IllegalStateException("the host cannot resolve its own DID " + me.did() + ": "
                        + e.getMessage(), e);
            }
            for (GroupMessages.JoinRequest r : admitted.values()) {
                mailbox.send(GroupMessages.roster(newId(), me.did(), r.from(), r, signed));
            }
            state = State.RUNNING;
            GroupOutcome outcome = GroupRun.meshAndCompute(me, roster, mailbox, run, settings, progress, clock, random,
                    start, join);
            state = State.DONE;
            return outcome;
        } finally {
            if (state != State.DONE) {
                state = State.FAILED;
            }
            if (refuser != null) {
                refuser.interrupt();
            }
        }
    }

    private Map<String, GroupMessages.JoinRequest> gather() throws GroupTimeoutException, IOException,
            InterruptedException {
        Map<String, GroupMessages.JoinRequest> admitted = new LinkedHashMap<>();
        int wanted = invitation.parties() - 1;
        while (admitted.size() < wanted) {
            Duration left = Duration.between(clock.instant(), invitation.expiresAt());
            if (left.isNegative() || left.isZero()) {
                throw new GroupTimeoutException("only " + (admitted.size() + 1) + " of " + invitation.parties()
                        + " parties joined before the invitation expired at " + invitation.expiresAt()
                        + "; host again with more time or fewer parties");
            }
            Optional<Message> m = mailbox.next(this::isJoinRequest, left);
            if (m.isEmpty()) {
                continue;
            }
            Optional<GroupMessages.JoinRequest> request = check(m.get());
            if (request.isPresent() && !admitted.containsKey(request.get().from())) {
                admitted.put(request.get().from(), request.get());
                progress.accept("joined " + (admitted.size() + 1) + "/" + invitation.parties());
            }
        }
        return admitted;
    }

    /** Every join-request, this group's or not: the others are refused rather than left to fill the mailbox. */
    private boolean isJoinRequest(Message m) {
        return m.type().equals(GroupProtocol.JOIN_REQUEST);
    }

    /** The request when it may join; otherwise refuses it (and returns empty). */
    private Optional<GroupMessages.JoinRequest> check(Message m) throws IOException {
        GroupMessages.JoinRequest request;
        try {
            request = GroupMessages.readJoinRequest(m);
        } catch (IllegalArgumentException e) {
            refuse(m, GroupProtocol.BAD_REQUEST, "malformed join-request: " + e.getMessage());
            return Optional.empty();
        }
        if (request.from().equals(me.did())) {
            return Optional.empty();
        }
        if (!invitation.groupId().equals(request.groupId())) {
            refuse(m, GroupProtocol.INVITATION_EXPIRED, "this host runs no group " + request.groupId()
                    + " (any more); ask for a new link");
            return Optional.empty();
        }
        ProgramDescriptor theirs = request.program();
        if (!theirs.fingerprint().equals(invitation.fingerprint())) {
            refuse(m, GroupProtocol.PROGRAM_MISMATCH, "the group runs " + invitation.program() + " with fingerprint "
                    + invitation.fingerprint().hex() + " but you run " + theirs + " with fingerprint "
                    + theirs.fingerprint().hex() + "; every party must run the same program, version and parameters");
            return Optional.empty();
        }
        return Optional.of(request);
    }

    /**
     * Sends a refusal, at most {@link #MAX_REFUSALS} per run: past that, join-requests that fail are dropped unanswered
     * (said once), so a flood of bad requests cannot make the host flood the mediator in turn.
     */
    private void refuse(Message request, String code, String comment) throws IOException {
        int sent = refusals.incrementAndGet();
        if (sent > MAX_REFUSALS) {
            if (sent == MAX_REFUSALS + 1) {
                progress.accept("more than " + MAX_REFUSALS + " refused join-requests; dropping further ones"
                        + " unanswered");
            }
            return;
        }
        progress.accept("refused " + request.fromDid().orElse("?") + ": " + comment);
        mailbox.send(GroupMessages.refusal(newId(), me.did(), request, code, comment, clock.instant()));
    }

    /** Answers every join-request that arrives once the group is full with a {@code full} refusal. */
    private void refuseLateJoiners() {
        try {
            while (true) {
                Optional<Message> m = mailbox.next(this::isJoinRequest, Duration.ofSeconds(1));
                if (m.isPresent() && m.get().fromDid().isPresent()) {
                    if (invitation.groupId().equals(m.get().pthid())) {
                        refuse(m.get(), GroupProtocol.GROUP_FULL, "the group already has all "
                                + invitation.parties() + " parties");
                    } else {
                        refuse(m.get(), GroupProtocol.INVITATION_EXPIRED, "this host runs no group "
                                + m.get().pthid() + " (any more); ask for a new link");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            progress.accept("stopped refusing late joiners: " + e.getMessage());
        }
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
