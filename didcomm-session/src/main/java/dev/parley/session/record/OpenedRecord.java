package dev.parley.session.record;

/** Metadata of an opened record; the plaintext was written to the caller's buffer at offset 0. */
public record OpenedRecord(ContentType type, long counter, int length) {
}
