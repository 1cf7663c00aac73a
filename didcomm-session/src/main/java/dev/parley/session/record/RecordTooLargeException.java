package dev.parley.session.record;

/** A record exceeds the maximum record size (DatagramLink.MAX_PAYLOAD on the wire). */
public final class RecordTooLargeException extends RecordException {
    public RecordTooLargeException(String message) {
        super(message);
    }
}
