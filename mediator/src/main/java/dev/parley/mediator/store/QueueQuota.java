package dev.parley.mediator.store;

/** How much one client may have queued at once. */
public record QueueQuota(int maxMessages, long maxBytes) {
    public QueueQuota {
        if (maxMessages <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("queue quota must be positive, got " + maxMessages + " messages, "
                    + maxBytes + " bytes");
        }
    }
}
