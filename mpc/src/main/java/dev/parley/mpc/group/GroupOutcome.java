package dev.parley.mpc.group;

import dev.parley.mpc.program.FormattedResult;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What one party's group run produced. Immutable.
 *
 * @param party  this party's index in the roster
 * @param paths  how this party reached each peer, by peer index
 * @param rounds communication rounds of the computation (the program check is round 0)
 */
public record GroupOutcome(FormattedResult result, Roster roster, int party, Map<Integer, PeerPath> paths,
                           Timings timings, long rounds) {

    public GroupOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(roster, "roster");
        paths = Map.copyOf(paths);
    }

    public int parties() {
        return roster.size();
    }

    /**
     * Wall-clock phases of one party.
     *
     * @param join       host: waiting for the joiners; joiner: from join-request to a verified roster
     * @param mesh       opening every session
     * @param handshakes the slowest single session set-up
     * @param compute    the program run (program check included)
     * @param total      from the start of the group flow to the result
     */
    public record Timings(Duration join, Duration mesh, Duration handshakes, Duration compute, Duration total) {
    }
}
