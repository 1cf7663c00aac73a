package dev.parley.didcomm.message;

import java.time.Instant;
import java.util.Objects;

/**
 * A DIDComm attachment. Immutable.
 *
 * @param id attachment id, or null
 * @param description human-readable description, or null
 * @param filename suggested file name, or null
 * @param mediaType media type of the content, or null
 * @param format format identifier, or null
 * @param lastmodTime last modification time, or null
 * @param byteCount content size in bytes, or null
 * @param data the content, inline or by reference
 */
public record Attachment(
        String id,
        String description,
        String filename,
        String mediaType,
        String format,
        Instant lastmodTime,
        Long byteCount,
        AttachmentData data) {

    public Attachment {
        Objects.requireNonNull(data, "attachment data");
        if (byteCount != null && byteCount < 0) {
            throw new IllegalArgumentException("attachment byte_count must not be negative");
        }
    }

    /** An attachment with only an id, a media type and data. */
    public static Attachment of(String id, String mediaType, AttachmentData data) {
        return new Attachment(id, null, null, mediaType, null, null, null, data);
    }
}
