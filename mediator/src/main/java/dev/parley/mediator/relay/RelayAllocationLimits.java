package dev.parley.mediator.relay;

import java.time.Duration;

/**
 * Bounds on relay allocations, per mediated DID. Immutable.
 *
 * @param maxLivePerDid   allocations a DID may hold at once (issued and not yet expired); an MPC mesh needs one
 *                        per peer, so this is a small number rather than one
 * @param defaultTtl      lifetime of an allocation when the request names none
 * @param maxTtl          longest lifetime a request may ask for (the relay caps it again at its own maximum)
 * @param perSecond       sustained allocation requests per DID
 * @param burst           requests a DID may make at once above that rate
 * @param maxTrackedDids  DIDs whose counts are remembered (least recently active forgotten first)
 */
public record RelayAllocationLimits(int maxLivePerDid, Duration defaultTtl, Duration maxTtl, double perSecond,
                                    int burst, int maxTrackedDids) {
    /** Shortest lifetime a request may ask for: less would expire during the ICE checks. */
    public static final Duration MIN_TTL = Duration.ofMinutes(1);

    public RelayAllocationLimits {
        if (maxLivePerDid < 1 || perSecond <= 0 || burst < 1 || maxTrackedDids < 1) {
            throw new IllegalArgumentException("relay allocation limits must be positive");
        }
        if (maxTtl.compareTo(MIN_TTL) < 0 || defaultTtl.compareTo(MIN_TTL) < 0 || defaultTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("relay allocation lifetimes must be " + MIN_TTL.toSeconds()
                    + " s or more, the default at most the maximum; got default " + defaultTtl + ", max " + maxTtl);
        }
    }

    /** 16 live allocations per DID, 30 minutes by default and 1 hour at most, 1 request/s with a burst of 16. */
    public static RelayAllocationLimits defaults() {
        return new RelayAllocationLimits(16, Duration.ofMinutes(30), Duration.ofHours(1), 1.0, 16, 100_000);
    }
}
