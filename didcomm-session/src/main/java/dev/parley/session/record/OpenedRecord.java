package dev.parley.session.record;

/** Metadata of an opened record; its payload is in the caller's buffer at {@link RecordLayer#PAYLOAD_OFFSET}. */
public record OpenedRecord(ContentType type, long counter, int length) {
}
