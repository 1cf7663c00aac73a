package dev.parley.didcomm.mediator;

import java.util.List;

/**
 * A mediate-grant: the DIDs to name as routing in the client's DID document service. Coordinate-mediation
 * 2.0 sends {@code routing_did} as a string, 3.0 as a list; both arrive here as a list. Immutable.
 */
public record MediationGrant(List<String> routingDids) {
    public MediationGrant {
        routingDids = List.copyOf(routingDids);
        if (routingDids.isEmpty()) {
            throw new IllegalArgumentException("a mediation grant names at least one routing DID");
        }
    }
}
