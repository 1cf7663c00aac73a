package dev.parley.session.handshake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The inviter's record of the session invitations it issued. A one-time invitation is consumed by its first
 * redemption; an expired one is refused. Bounded: issuing beyond {@code maxInvitations} live invitations first drops
 * expired ones and then refuses. Thread-safe.
 */
public final class InvitationRegistry {
    private final String inviterDid;
    private final int maxInvitations;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, SessionInvitation> live = new HashMap<>();
    private final Map<String, Instant> used = new HashMap<>();

    public InvitationRegistry(String inviterDid, int maxInvitations, Clock clock, SecureRandom random) {
        this.inviterDid = inviterDid;
        this.maxInvitations = maxInvitations;
        this.clock = clock;
        this.random = random;
    }

    /** Issues an invitation with a random 128-bit id. */
    public synchronized SessionInvitation issue(Duration validity, boolean oneTime, AppFingerprint fingerprint) {
        purge();
        if (live.size() >= maxInvitations) {
            throw new IllegalStateException(maxInvitations + " invitations are live, the configured maximum; "
                    + "let some expire or raise the limit");
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        SessionInvitation inv = new SessionInvitation("inv-" + HexFormat.of().formatHex(id), inviterDid,
                clock.instant().plus(validity), oneTime, fingerprint);
        live.put(inv.id(), inv);
        return inv;
    }

    /**
     * Checks an invitation a peer presents and, if one-time, consumes it.
     *
     * @throws InvitationException EXPIRED, USED or UNKNOWN
     */
    public synchronized SessionInvitation redeem(String invitationId) throws InvitationException {
        Instant now = clock.instant();
        if (used.containsKey(invitationId)) {
            throw new InvitationException(InvitationException.Reason.USED, "invitation " + invitationId
                    + " was for one session and was used at " + used.get(invitationId) + "; ask for a new one");
        }
        SessionInvitation inv = live.get(invitationId);
        if (inv == null) {
            throw new InvitationException(InvitationException.Reason.UNKNOWN, "invitation " + invitationId
                    + " was not issued by " + inviterDid + " (or was forgotten after expiring)");
        }
        if (!now.isBefore(inv.expiresAt())) {
            throw new InvitationException(InvitationException.Reason.EXPIRED, "invitation " + invitationId
                    + " expired at " + inv.expiresAt() + "; ask for a new one");
        }
        if (inv.oneTime()) {
            live.remove(invitationId);
            used.put(invitationId, now);
        }
        return inv;
    }

    private void purge() {
        Instant now = clock.instant();
        live.values().removeIf(inv -> !now.isBefore(inv.expiresAt().plus(Duration.ofDays(1))));
        used.values().removeIf(at -> !now.isBefore(at.plus(Duration.ofDays(1))));
    }
}
