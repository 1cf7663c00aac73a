package dev.parley.mpc;

/** A peer sent a message that does not fit the protocol: wrong round, wrong size, or a value outside the field. */
public final class ProtocolViolationException extends MpcException {
    private final int party;
    private final long round;

    public ProtocolViolationException(int party, long round, String message) {
        super(message);
        this.party = party;
        this.round = round;
    }

    /** The 1-based index of the offending party. */
    public int party() {
        return party;
    }

    /** The round in which the violation was seen. */
    public long round() {
        return round;
    }
}
