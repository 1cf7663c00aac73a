package dev.parley.mediator.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Everything the mediator must not forget. Implementations are thread-safe.
 *
 * <p>Durability contract: a future returned by a write completes normally only after the change is
 * committed to stable storage (for SQLite: the WAL is fsynced), so the mediator acknowledges a message to
 * its sender only once a restart, a {@code kill -9} or a power cut cannot lose it. A write that cannot be
 * committed (disk full, I/O error) completes exceptionally with {@link StoreException} and leaves no trace.
 * Reads see every committed write.
 *
 * <p>Authorization is part of the contract, not left to callers: every queue operation names the client
 * DID (the DID that was granted mediation) and touches only that client's rows.
 */
public interface MediatorStore extends AutoCloseable {

    // ---- mediation ----

    /** Records that {@code clientDid} was granted mediation; idempotent. */
    CompletableFuture<Void> grant(String clientDid, Instant at);

    /** Whether {@code clientDid} holds a mediation grant. */
    boolean isGranted(String clientDid) throws StoreException;

    /**
     * Registers {@code recipientDid} for {@code clientDid} with the route aliases a forward's
     * {@code next} may use for it. A recipient already owned by another client is a client error.
     */
    CompletableFuture<KeyUpdateResult> addRecipient(String clientDid, String recipientDid, List<String> aliases);

    /** Removes one of the client's recipients; removing someone else's is a client error. */
    CompletableFuture<KeyUpdateResult> removeRecipient(String clientDid, String recipientDid);

    /** A page of the client's recipients in registration order. */
    List<String> recipients(String clientDid, int offset, int limit) throws StoreException;

    /** How many recipients the client registered. */
    int recipientCount(String clientDid) throws StoreException;

    /** The registered recipient an alias routes to, trying the candidates in order. */
    Optional<Route> route(List<String> aliasCandidates) throws StoreException;

    // ---- queue ----

    /**
     * Queues {@code payload} for the route's client. Completes with the stored message once committed;
     * exceptionally with {@link QueueFullException} when the client's quota would be exceeded.
     */
    default CompletableFuture<QueuedMessage> enqueue(Route route, byte[] payload, Instant receivedAt,
            Instant expiresAt) {
        return enqueue(route, payload, receivedAt, expiresAt, Optional.empty());
    }

    /**
     * As {@link #enqueue(Route, byte[], Instant, Instant)}, and records {@code replayKey} as seen in the same
     * transaction: either both are committed or neither, so a sender whose message was refused (queue full,
     * disk full) can retry it, and a replay of an accepted one fails with {@link DuplicateMessageException}.
     */
    CompletableFuture<QueuedMessage> enqueue(Route route, byte[] payload, Instant receivedAt, Instant expiresAt,
            Optional<ReplayKey> replayKey);

    /** Up to {@code limit} of the client's oldest queued messages, optionally for one recipient only. */
    List<QueuedMessage> peek(String clientDid, Optional<String> recipientDid, int limit) throws StoreException;

    /** Counts and times of the client's queue, optionally for one recipient. */
    QueueStatus status(String clientDid, Optional<String> recipientDid) throws StoreException;

    /**
     * Deletes the listed messages that belong to {@code clientDid}; ids of other clients or unknown ids are
     * ignored. Completes with the number deleted once committed.
     */
    CompletableFuture<Integer> acknowledge(String clientDid, Collection<String> messageIds);

    /** Deletes messages whose expiry is before {@code now}; completes with how many. */
    CompletableFuture<Integer> purgeExpired(Instant now);

    /** Total queued messages across all clients (for the queue-depth gauge). */
    long totalQueued();

    // ---- replay protection ----

    /**
     * Remembers that a message with this (sender, id) was processed. Completes with {@code false} when it
     * had already been seen inside the replay window, which the caller reports as a replay.
     */
    CompletableFuture<Boolean> firstSeen(ReplayKey key, Instant now);

    /** Forgets ids seen before {@code cutoff}. */
    CompletableFuture<Integer> forgetSeenBefore(Instant cutoff);

    // ---- short links ----

    /** Stores a short link; fails with {@link StoreException} when the slug is taken. */
    CompletableFuture<ShortLink> putShortLink(ShortLink link);

    /** The unexpired link for a slug. */
    Optional<ShortLink> shortLink(String slug, Instant now) throws StoreException;

    /** Deletes the owner's link; completes with {@code false} when it was not theirs or did not exist. */
    CompletableFuture<Boolean> invalidateShortLink(String ownerDid, String slug);

    @Override
    void close() throws StoreException;
}
