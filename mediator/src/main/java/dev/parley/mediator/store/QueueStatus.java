package dev.parley.mediator.store;

import java.time.Instant;
import java.util.Optional;

/**
 * What a status message reports about a client's queue.
 *
 * @param messageCount queued messages
 * @param totalBytes their total size
 * @param oldest when the oldest was received, empty when the queue is empty
 * @param newest when the newest was received, empty when the queue is empty
 */
public record QueueStatus(long messageCount, long totalBytes, Optional<Instant> oldest, Optional<Instant> newest) {
    public static final QueueStatus EMPTY = new QueueStatus(0, 0, Optional.empty(), Optional.empty());
}
