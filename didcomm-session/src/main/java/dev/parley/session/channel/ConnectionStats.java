package dev.parley.session.channel;

/** Counters of one connection, for tests and metrics. */
public record ConnectionStats(long recordsSent, long recordsReceived, long recordsRejected, long recordsReplayed,
                              long packetsLost, long timeouts, long congestionWindow, long smoothedRttNanos) {
}
