package dev.parley.mpc.group;

import dev.parley.mpc.engine.EngineConfig;
import dev.parley.nat.link.LinkConfig;
import dev.parley.session.SessionConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The bounds and path settings of one group run. Immutable.
 *
 * @param invitationValidity how long the host's link may be used (and so how long the host waits for joiners)
 * @param rosterWait         how long a joiner waits for the roster after its join-request (the others must join)
 * @param meshTimeout        the bound on opening every session of the full mesh
 * @param engine             the engine's bounds; its round timeout is how fast a vanished peer is noticed
 * @param links              how session paths are made (host candidates, STUN, relay)
 * @param session            settings of each session
 */
public record GroupSettings(Duration invitationValidity, Duration rosterWait, Duration meshTimeout,
                            EngineConfig engine, LinkConfig links, SessionConfig session) {

    /** Longest invitation a joiner accepts (bounds what a link can promise). */
    public static final Duration MAX_VALIDITY = Duration.ofHours(24);

    public GroupSettings {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(session, "session");
        requireBetween("invitation validity", invitationValidity, Duration.ofSeconds(1), MAX_VALIDITY);
        requireBetween("roster wait", rosterWait, Duration.ofMillis(1), MAX_VALIDITY);
        requireBetween("mesh timeout", meshTimeout, Duration.ofMillis(1), Duration.ofHours(1));
    }

    /** A 10-minute link, 10 minutes to wait for the roster, 30 s for the mesh, 10 s per round. */
    public static GroupSettings defaults(LinkConfig links) {
        return new GroupSettings(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(30),
                EngineConfig.defaults(), links, SessionConfig.defaults());
    }

    public GroupSettings withInvitationValidity(Duration d) {
        return new GroupSettings(d, rosterWait, meshTimeout, engine, links, session);
    }

    public GroupSettings withRosterWait(Duration d) {
        return new GroupSettings(invitationValidity, d, meshTimeout, engine, links, session);
    }

    public GroupSettings withMeshTimeout(Duration d) {
        return new GroupSettings(invitationValidity, rosterWait, d, engine, links, session);
    }

    public GroupSettings withRoundTimeout(Duration d) {
        return new GroupSettings(invitationValidity, rosterWait, meshTimeout, engine.withRoundTimeout(d), links,
                session);
    }

    private static void requireBetween(String what, Duration d, Duration min, Duration max) {
        Objects.requireNonNull(d, what);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be " + min + " to " + max + ", got " + d);
        }
    }
}
