package dev.parley.mpc.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.message.Attachment;
import dev.parley.didcomm.message.AttachmentData;
import dev.parley.didcomm.oob.InvalidInvitationException;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.didcomm.oob.OobLinks;
import dev.parley.mpc.group.InvalidGroupInvitationException.Reason;
import dev.parley.mpc.group.internal.GroupJson;
import dev.parley.mpc.program.ProgramDescriptor;
import dev.parley.mpc.program.ProgramFingerprint;
import dev.parley.mpc.program.ProgramRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A host's invitation to an MPC group: an OOB 2.0 invitation from the host's DID with goal code
 * {@value GroupProtocol#GOAL_CODE} and one JSON attachment ({@value #ATTACHMENT_ID}) holding the program, its
 * fingerprint, n, t, the expiry and the mediator's link (so a joiner needs nothing else). The invitation id is the
 * group id. Immutable; construction validates every field, so an out-of-range invitation cannot exist.
 *
 * @param groupId  32 hex characters, fresh per group
 * @param mediator the mediator's URL or invitation link, through which the host is reached
 */
public record GroupInvitation(String groupId, String hostDid, ProgramDescriptor program, int parties, int threshold,
                              Instant expiresAt, String mediator) {

    public static final String ATTACHMENT_ID = "mpc-group";

    public GroupInvitation {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (groupId == null || !groupId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("group id must be 32 lower-case hex characters, got " + groupId);
        }
        requireDid(hostDid, "host");
        checkSize(parties, threshold);
        if (mediator == null || mediator.isBlank() || mediator.length() > GroupProtocol.MAX_DID_CHARS) {
            throw new IllegalArgumentException("the mediator link must be 1 to " + GroupProtocol.MAX_DID_CHARS
                    + " characters");
        }
    }

    /** A new group with a fresh id, valid from {@code clock}'s now for {@code settings.invitationValidity()}. */
    public static GroupInvitation create(String hostDid, ProgramDescriptor program, int parties, int threshold,
                                         String mediator, GroupSettings settings, Clock clock, SecureRandom random) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return new GroupInvitation(HexFormat.of().formatHex(id), hostDid, program, parties, threshold,
                clock.instant().plus(settings.invitationValidity()), mediator);
    }

    /**
     * Checks n and t: {@value GroupProtocol#MIN_PARTIES} to {@value GroupProtocol#MAX_PARTIES} parties and
     * 0 &lt;= t &lt; n/2 (honest majority).
     */
    public static void checkSize(int parties, int threshold) {
        if (parties < GroupProtocol.MIN_PARTIES || parties > GroupProtocol.MAX_PARTIES) {
            throw new IllegalArgumentException("a group has " + GroupProtocol.MIN_PARTIES + " to "
                    + GroupProtocol.MAX_PARTIES + " parties, got " + parties);
        }
        if (threshold < 0 || 2 * threshold >= parties) {
            throw new IllegalArgumentException("the threshold must be 0 to " + (parties - 1) / 2 + " for " + parties
                    + " parties (t < n/2), got " + threshold);
        }
    }

    public ProgramFingerprint fingerprint() {
        return program.fingerprint();
    }

    /** The invitation as an OOB 2.0 message. */
    public Invitation toOob() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("program", GroupJson.descriptor(program));
        json.put("fingerprint", program.fingerprint().hex());
        json.put("parties", parties);
        json.put("threshold", threshold);
        json.put("expires", expiresAt.toString());
        json.put("mediator", mediator);
        return new Invitation(groupId, hostDid, GroupProtocol.GOAL_CODE,
                "Compute " + program.name() + " v" + program.version() + " with " + parties + " parties",
                List.of("didcomm/v2"),
                List.of(Attachment.of(ATTACHMENT_ID, "application/json", new AttachmentData.JsonData(json, null,
                        null))));
    }

    /** The link to share: {@code base?_oob=...}. */
    public String toLink(URI base) {
        return new OobLinks().toUrl(toOob(), base);
    }

    /**
     * Finds and validates a group invitation in pasted text: the OOB envelope, the goal code, every field's range, a
     * program this party knows by name, the fingerprint matching the descriptor, and an expiry in the future and at
     * most {@link GroupSettings#MAX_VALIDITY} ahead. A program of another version or with other parameters passes
     * here; the host refuses it, naming both fingerprints.
     */
    public static GroupInvitation read(String pasted, ProgramRegistry registry, Clock clock)
            throws InvalidGroupInvitationException {
        Invitation oob;
        try {
            oob = new OobLinks().parse(pasted);
        } catch (InvalidInvitationException e) {
            throw new InvalidGroupInvitationException(Reason.MALFORMED, "not a Parley group link: " + e.getMessage(),
                    e);
        }
        return read(oob, registry, clock);
    }

    /** As {@link #read(String, ProgramRegistry, Clock)}, for an invitation already out of its link (a short link). */
    public static GroupInvitation read(Invitation oob, ProgramRegistry registry, Clock clock)
            throws InvalidGroupInvitationException {
        if (!GroupProtocol.GOAL_CODE.equals(oob.goalCode())) {
            throw new InvalidGroupInvitationException(Reason.MALFORMED, "the link is an invitation for \""
                    + oob.goalCode() + "\", not an MPC group; use the link 'parley mpc host' showed");
        }
        JsonNode json = oob.attachments().stream().filter(a -> ATTACHMENT_ID.equals(a.id())).findFirst()
                .map(Attachment::data).filter(d -> d instanceof AttachmentData.JsonData)
                .map(d -> ((AttachmentData.JsonData) d).json())
                .orElseThrow(() -> new InvalidGroupInvitationException(Reason.MALFORMED,
                        "the group link has no \"" + ATTACHMENT_ID + "\" JSON attachment"));
        ProgramDescriptor program;
        String fingerprint;
        int parties;
        int threshold;
        Instant expires;
        String mediator;
        try {
            program = GroupJson.readDescriptor(json, "program");
            fingerprint = GroupJson.text(json, "fingerprint");
            parties = GroupJson.integer(json, "parties");
            threshold = GroupJson.integer(json, "threshold");
            expires = Instant.parse(GroupJson.text(json, "expires"));
            mediator = GroupJson.text(json, "mediator");
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidGroupInvitationException(Reason.MALFORMED, "the group link's attachment is malformed: "
                    + e.getMessage(), e);
        }
        if (registry.find(program.name()).isEmpty()) {
            throw new InvalidGroupInvitationException(Reason.UNKNOWN_PROGRAM, "the group runs program \""
                    + program.name() + "\", which this Parley does not know (it knows "
                    + String.join(", ", registry.list().stream().map(ProgramRegistry.Entry::name).toList()) + ")");
        }
        if (!program.fingerprint().hex().equals(fingerprint)) {
            throw new InvalidGroupInvitationException(Reason.MALFORMED, "the group link's fingerprint " + fingerprint
                    + " does not match its program " + program + " (" + program.fingerprint().hex()
                    + "); the link was altered");
        }
        try {
            checkSize(parties, threshold);
        } catch (IllegalArgumentException e) {
            throw new InvalidGroupInvitationException(Reason.OUT_OF_RANGE, "the group link is out of range: "
                    + e.getMessage(), e);
        }
        Instant now = clock.instant();
        if (!expires.isAfter(now)) {
            throw new InvalidGroupInvitationException(Reason.EXPIRED, "the group link expired at " + expires
                    + "; ask the host for a new one");
        }
        if (expires.isAfter(now.plus(GroupSettings.MAX_VALIDITY))) {
            throw new InvalidGroupInvitationException(Reason.OUT_OF_RANGE, "the group link claims to be valid until "
                    + expires + ", more than " + GroupSettings.MAX_VALIDITY.toHours() + " h ahead");
        }
        try {
            return new GroupInvitation(oob.id(), oob.from(), program, parties, threshold, expires, mediator);
        } catch (IllegalArgumentException e) {
            throw new InvalidGroupInvitationException(Reason.MALFORMED, "the group link is malformed: "
                    + e.getMessage(), e);
        }
    }

    static void requireDid(String did, String who) {
        if (did == null || !did.startsWith("did:") || did.length() > GroupProtocol.MAX_DID_CHARS) {
            throw new IllegalArgumentException("the " + who + " must be a DID of at most " + GroupProtocol.MAX_DID_CHARS
                    + " characters, got " + did);
        }
    }
}
