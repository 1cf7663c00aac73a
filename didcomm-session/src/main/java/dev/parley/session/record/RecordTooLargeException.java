package dev.parley.session.record;

/** A record exceeds the largest record size ({@link RecordLayer#LARGEST_RECORD}: DatagramLink.LARGEST_PAYLOAD). */
public final class RecordTooLargeException extends RecordException {
    public RecordTooLargeException(String message) {
        super(message);
    }
}
