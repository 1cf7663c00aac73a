package dev.parley.mpc.group;

import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.protocol.reportproblem.ProblemReport;
import dev.parley.mpc.MpcException;
import dev.parley.mpc.program.ProgramBinding;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * A joiner's side of a group: sends a join-request (its DID comes from authcrypt, its program fingerprint in the body)
 * to the host through the mediator, waits for the roster or a refusal, verifies the roster (the host's signature,
 * and that it matches the invitation and this party's program and includes it), then runs the mesh and the program.
 * Nothing about the input leaves this party before the roster is verified and every session is open.
 *
 * <p>States: NEW → REQUESTED → RUNNING → DONE, or FAILED. One use, from one thread.
 */
public final class GroupJoiner {

    /** Where the joiner is in its one run. */
    public enum State { NEW, REQUESTED, RUNNING, DONE, FAILED }

    private final GroupIdentity me;
    private final MediatorMailbox mailbox;
    private final GroupInvitation invitation;
    private final ProgramBinding.PreparedRun run;
    private final GroupSettings settings;
    private final Consumer<String> progress;
    private final Clock clock;
    private final SecureRandom random;
    private volatile State state = State.NEW;

    public GroupJoiner(GroupIdentity me, MediatorMailbox mailbox, GroupInvitation invitation,
                       ProgramBinding.PreparedRun run, GroupSettings settings, Consumer<String> progress, Clock clock,
                       SecureRandom random) {
        this.me = me;
        this.mailbox = mailbox;
        this.invitation = invitation;
        this.run = run;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
        this.random = random;
    }

    public State state() {
        return state;
    }

    /**
     * Joins, verifies the roster, opens the mesh and computes.
     *
     * @throws GroupRefusedException  the host refused (another program: the message names both fingerprints)
     * @throws InvalidRosterException the roster is not the host's, altered, or does not match the invitation
     * @throws GroupTimeoutException  no roster within {@link GroupSettings#rosterWait()}, or a peer did not show up
     */
    public GroupOutcome run() throws GroupException, MpcException, IOException, InterruptedException {
        if (state != State.NEW) {
            throw new IllegalStateException("a group joiner runs once; it is " + state);
        }
        long start = System.nanoTime();
        try {
            if (me.did().equals(invitation.hostDid())) {
                throw new GroupRefusedException(GroupProtocol.BAD_REQUEST, "this is the host's own link; join with"
                        + " another identity");
            }
            Message request = GroupMessages.joinRequest(newId(), me.did(), invitation.hostDid(), invitation.groupId(),
                    run.descriptor());
            mailbox.send(request);
            state = State.REQUESTED;
            progress.accept("join request sent to " + invitation.hostDid() + "; waiting for the others");
            Message answer = mailbox.next(m -> isAnswer(m, request.id()), settings.rosterWait())
                    .orElseThrow(() -> new GroupTimeoutException("no roster from the host within "
                            + settings.rosterWait().toSeconds() + " s; is 'parley mpc host' still running, and have"
                            + " all " + invitation.parties() + " parties joined?"));
            if (answer.type().equals(ProblemReport.TYPE)) {
                throw GroupMessages.readRefusal(answer);
            }
            Roster roster = verified(SignedRoster.fromJson(answer.body()));
            Duration join = Duration.ofNanos(System.nanoTime() - start);
            state = State.RUNNING;
            GroupOutcome outcome = GroupRun.meshAndCompute(me, roster, mailbox, run, settings, progress, clock, random,
                    start, join);
            state = State.DONE;
            return outcome;
        } finally {
            if (state != State.DONE) {
                state = State.FAILED;
            }
        }
    }

    private boolean isAnswer(Message m, String requestId) {
        if (!m.fromDid().map(invitation.hostDid()::equals).orElse(false)) {
            return false;
        }
        return (m.type().equals(GroupProtocol.ROSTER) && requestId.equals(m.thid()))
                || (m.type().equals(ProblemReport.TYPE) && requestId.equals(m.pthid()));
    }

    private Roster verified(SignedRoster signed) throws InvalidRosterException {
        signed.verify(dev.parley.did.DidResolver.withInstalledMethods(4));
        Roster r = signed.roster();
        if (!r.groupId().equals(invitation.groupId()) || !r.hostDid().equals(invitation.hostDid())) {
            throw new InvalidRosterException("the roster is for group " + r.groupId() + " of " + r.hostDid()
                    + ", not the invitation's group " + invitation.groupId());
        }
        if (!r.fingerprint().equals(run.descriptor().fingerprint())) {
            throw new InvalidRosterException("the roster runs " + r.program() + " (fingerprint "
                    + r.fingerprint().hex() + ") but this party runs " + run.descriptor() + " (fingerprint "
                    + run.descriptor().fingerprint().hex() + ")");
        }
        if (r.size() != invitation.parties() || r.threshold() != invitation.threshold()) {
            throw new InvalidRosterException("the roster has n=" + r.size() + ", t=" + r.threshold()
                    + " but the invitation promised n=" + invitation.parties() + ", t=" + invitation.threshold());
        }
        if (r.indexOf(me.did()) == 0) {
            throw new InvalidRosterException("the roster does not include this party (" + me.did() + ")");
        }
        return r;
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
