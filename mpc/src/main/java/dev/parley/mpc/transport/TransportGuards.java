package dev.parley.mpc.transport;

import dev.parley.mpc.TransportException;

/** The argument and state checks every {@link Transport} makes before it sends or receives. */
final class TransportGuards {

    private TransportGuards() {}

    static void checkSend(int self, int parties, boolean closed, int to, long round, int length, int maxMessageBytes)
            throws TransportException {
        checkPeer(self, parties, to);
        if (closed) {
            throw new TransportException("party " + self + "'s transport is closed; cannot send round " + round);
        }
        if (length > maxMessageBytes) {
            throw new TransportException("round " + round + " message to party " + to + " has " + length
                    + " bytes, above the limit of " + maxMessageBytes);
        }
    }

    static void checkReceive(int self, int parties, boolean closed, int from, long round) throws TransportException {
        checkPeer(self, parties, from);
        if (closed) {
            throw new TransportException("party " + self + "'s transport is closed; cannot receive round " + round);
        }
    }

    private static void checkPeer(int self, int parties, int peer) {
        if (peer < 1 || peer > parties || peer == self) {
            throw new IllegalArgumentException("peer must be in 1.." + parties + " and not " + self + ", got " + peer);
        }
    }
}
