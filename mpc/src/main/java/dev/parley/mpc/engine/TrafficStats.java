package dev.parley.mpc.engine;

import java.util.Arrays;

/**
 * What one party has sent so far: rounds completed, and messages and payload bytes per peer (index = party, 1..n;
 * index 0 and the party itself stay 0). Framing added by a transport is not counted.
 */
public record TrafficStats(long rounds, long[] messagesTo, long[] bytesTo) {

    public TrafficStats {
        messagesTo = messagesTo.clone();
        bytesTo = bytesTo.clone();
    }

    @Override
    public long[] messagesTo() {
        return messagesTo.clone();
    }

    @Override
    public long[] bytesTo() {
        return bytesTo.clone();
    }

    public long totalMessages() {
        return Arrays.stream(messagesTo).sum();
    }

    public long totalBytes() {
        return Arrays.stream(bytesTo).sum();
    }

    /** The traffic between {@code earlier} and this snapshot. */
    public TrafficStats since(TrafficStats earlier) {
        long[] m = new long[messagesTo.length];
        long[] b = new long[bytesTo.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = messagesTo[i] - earlier.messagesTo[i];
            b[i] = bytesTo[i] - earlier.bytesTo[i];
        }
        return new TrafficStats(rounds - earlier.rounds, m, b);
    }

    @Override
    public String toString() {
        return "TrafficStats[rounds=" + rounds + ", messagesTo=" + Arrays.toString(messagesTo)
                + ", bytesTo=" + Arrays.toString(bytesTo) + "]";
    }
}
