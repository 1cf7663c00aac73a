package dev.parley.mpc;

/** A peer sent nothing for a round within the configured time, or closed its connection: the run is aborted. */
public final class PartyUnreachableException extends MpcException {
    private final int party;
    private final long round;

    public PartyUnreachableException(int party, long round, String message) {
        super(message);
        this.party = party;
        this.round = round;
    }

    /** The 1-based index of the party that went silent. */
    public int party() {
        return party;
    }

    /** The round this party was waiting for. */
    public long round() {
        return round;
    }
}
