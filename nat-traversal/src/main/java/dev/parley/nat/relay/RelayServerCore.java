package dev.parley.nat.relay;

import dev.parley.nat.internal.TokenBucket;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's state: allocations created on first attach with a valid token, each joining
 * exactly the two peers its tokens name, forwarding opaque frames between them blindly.
 *
 * <p>A peer can only send into the allocation its own token names, and only to the other peer
 * named there; a second attach for an already attached side is refused. Each allocation has a
 * token-bucket rate, a lifetime byte quota and an expiry (the tokens' expiry, capped by
 * {@link RelayLimits#maxLifetime()}); the relay holds at most {@link RelayLimits#maxAllocations()}.
 * Thread safe: each allocation is guarded by its own lock.
 */
public final class RelayServerCore {
    private static final Logger LOG = LoggerFactory.getLogger(RelayServerCore.class);

    private final RelayTokenIssuer verifier;
    private final RelayLimits limits;
    private final Clock clock;
    private final Map<String, Allocation> allocations = new ConcurrentHashMap<>();

    public RelayServerCore(RelayTokenIssuer verifier, RelayLimits limits, Clock clock) {
        this.verifier = verifier;
        this.limits = limits;
        this.clock = clock;
    }

    public RelayLimits limits() {
        return limits;
    }

    /** Live allocations, for tests and operators. */
    public int allocationCount() {
        return allocations.size();
    }

    /** Sides attached over all live allocations (two per working pair), for tests and operators. */
    public int attachedSides() {
        return allocations.values().stream().mapToInt(Allocation::attachedSides).sum();
    }

    /**
     * Attaches {@code sink} as the token holder's side of its allocation.
     *
     * @throws RelayRejectedException when the token is malformed, forged or expired, the side is
     *         already attached, or the relay is full
     */
    public Attachment attach(byte[] tokenBytes, RelaySink sink) throws RelayRejectedException {
        RelayToken token;
        try {
            token = RelayToken.decode(tokenBytes);
        } catch (RelayTokenException e) {
            throw new RelayRejectedException(RelayRejectedException.Reason.BAD_TOKEN, e.getMessage());
        }
        if (!verifier.macValid(token)) {
            throw new RelayRejectedException(RelayRejectedException.Reason.BAD_TOKEN,
                    "relay token MAC is invalid: not issued with this relay's secret, or altered");
        }
        Instant now = clock.instant();
        if (!now.isBefore(token.expiresAt())) {
            throw new RelayRejectedException(RelayRejectedException.Reason.EXPIRED,
                    "relay token expired at " + token.expiresAt() + "; ask the mediator for a new allocation");
        }
        sweep();
        String key = token.allocationHex();
        Allocation allocation;
        synchronized (allocations) {
            allocation = allocations.get(key);
            if (allocation == null) {
                if (allocations.size() >= limits.maxAllocations()) {
                    throw new RelayRejectedException(RelayRejectedException.Reason.CAPACITY,
                            "relay is full (" + limits.maxAllocations() + " allocations); try again later");
                }
                Instant cap = now.plus(limits.maxLifetime());
                allocation = new Allocation(key, token.expiresAt().isBefore(cap) ? token.expiresAt() : cap);
                allocations.put(key, allocation);
            }
        }
        return allocation.attach(token.holder(), token.peer(), sink);
    }

    /** Closes and forgets allocations past their expiry. Called on every attach; may be scheduled too. */
    public void sweep() {
        Instant now = clock.instant();
        for (Allocation a : List.copyOf(allocations.values())) {
            if (!now.isBefore(a.expiresAt)) {
                a.closeAll("relay allocation expired");
            }
        }
    }

    /** One attached side. Its frames go only to the other peer of its own allocation. */
    public final class Attachment {
        private final Allocation allocation;
        private final String holder;
        private final String peer;
        private final RelaySink sink;

        private Attachment(Allocation allocation, String holder, String peer, RelaySink sink) {
            this.allocation = allocation;
            this.holder = holder;
            this.peer = peer;
            this.sink = sink;
        }

        public String holder() {
            return holder;
        }

        public ForwardResult forward(byte[] frame) {
            return allocation.forward(this, frame);
        }

        /** The transport went away; the side may attach again with the same token until expiry. */
        public void detach() {
            allocation.detach(this);
        }
    }

    private final class Allocation {
        private final String id;
        private final Instant expiresAt;
        private final TokenBucket bucket;
        private final Map<String, Attachment> sides = new HashMap<>();
        private String pairA;
        private String pairB;
        private long forwardedBytes;
        private boolean closed;

        Allocation(String id, Instant expiresAt) {
            this.id = id;
            this.expiresAt = expiresAt;
            this.bucket = new TokenBucket(clock, limits.bytesPerSecond(), limits.burstBytes());
        }

        synchronized Attachment attach(String holder, String peer, RelaySink sink) throws RelayRejectedException {
            if (closed) {
                throw new RelayRejectedException(RelayRejectedException.Reason.EXPIRED,
                        "relay allocation " + id + " is closed; ask the mediator for a new allocation");
            }
            if (pairA == null) {
                pairA = holder;
                pairB = peer;
            } else if (!((pairA.equals(holder) && pairB.equals(peer)) || (pairA.equals(peer) && pairB.equals(holder)))) {
                throw new RelayRejectedException(RelayRejectedException.Reason.BAD_TOKEN,
                        "token names peers that do not belong to allocation " + id);
            }
            if (sides.containsKey(holder)) {
                throw new RelayRejectedException(RelayRejectedException.Reason.ALREADY_ATTACHED,
                        "peer " + holder + " is already attached to allocation " + id);
            }
            Attachment a = new Attachment(this, holder, peer, sink);
            sides.put(holder, a);
            LOG.debug("peer {} attached to allocation {}", holder, id);
            return a;
        }

        synchronized ForwardResult forward(Attachment from, byte[] frame) {
            if (closed || sides.get(from.holder) != from) {
                return ForwardResult.CLOSED;
            }
            if (!clock.instant().isBefore(expiresAt)) {
                closeAll("relay allocation expired");
                return ForwardResult.CLOSED;
            }
            if (frame.length > limits.maxFrameBytes()) {
                return ForwardResult.TOO_LARGE;
            }
            if (forwardedBytes + frame.length > limits.maxTotalBytes()) {
                closeAll("relay allocation spent its byte quota of " + limits.maxTotalBytes());
                return ForwardResult.CLOSED;
            }
            if (!bucket.tryTake(frame.length)) {
                return ForwardResult.RATE_LIMITED;
            }
            Attachment other = sides.get(from.peer);
            if (other == null) {
                return ForwardResult.PEER_ABSENT;
            }
            forwardedBytes += frame.length;
            other.sink.deliver(frame);
            return ForwardResult.DELIVERED;
        }

        synchronized int attachedSides() {
            return sides.size();
        }

        synchronized void detach(Attachment a) {
            sides.remove(a.holder, a);
        }

        synchronized void closeAll(String reason) {
            if (closed) {
                return;
            }
            closed = true;
            allocations.remove(id, this);
            for (Attachment a : sides.values()) {
                a.sink.close(reason);
            }
            sides.clear();
        }
    }
}
