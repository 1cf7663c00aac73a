package dev.parley.mpc.group;

import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.didcomm.protocol.reportproblem.ProblemReport;
import dev.parley.session.didcomm.SessionMessages;
import java.util.function.Consumer;

/** The names of the group protocol (see {@code docs/protocol/mpc-group.md}) and its fixed bounds. */
public final class GroupProtocol {
    /** Our DIDComm protocol: join-request (joiner to host), roster (host to joiner), problem-report (refusals). */
    public static final String PIURI = "https://parley.dev/protocols/mpc-group/1.0";
    public static final String JOIN_REQUEST = PIURI + "/join-request";
    public static final String ROSTER = PIURI + "/roster";
    /** The OOB goal code of a group invitation. */
    public static final String GOAL_CODE = "parley-mpc-group";
    /** Problem codes the host sends in refusals. */
    public static final String PROGRAM_MISMATCH = "e.p.mpc-group.program-mismatch";
    public static final String GROUP_FULL = "e.p.mpc-group.full";
    public static final String INVITATION_EXPIRED = "e.p.mpc-group.expired";
    public static final String BAD_REQUEST = "e.p.mpc-group.bad-request";
    /** Fewest and most parties in a group (the roster, every party's sessions and threads scale with it). */
    public static final int MIN_PARTIES = 2;
    public static final int MAX_PARTIES = 16;
    /** Longest DID or mediator link a group message may carry. */
    public static final int MAX_DID_CHARS = 4096;

    private GroupProtocol() {
    }

    /**
     * Mailbox settings for a party: keeps the group protocol, the session upgrade and problem reports; holds up to
     * 4 messages per possible party; live delivery over the mediator's WebSocket when it offers one (the mesh's
     * proposes and accepts then cost no polling delay).
     */
    public static MediatorMailbox.Settings mailboxSettings(Consumer<String> warnings) {
        return new MediatorMailbox.Settings(m -> m.type().startsWith(PIURI + "/")
                || m.type().startsWith(SessionMessages.PIURI + "/") || m.type().equals(ProblemReport.TYPE),
                4 * MAX_PARTIES, true, warnings);
    }
}
