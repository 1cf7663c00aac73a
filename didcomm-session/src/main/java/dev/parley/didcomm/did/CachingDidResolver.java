package dev.parley.didcomm.did;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded LRU cache of resolved DIDs with a time-to-live, so the hot path neither re-resolves nor
 * re-parses DID documents. Failures are not cached. Thread-safe (one lock; resolution of a miss runs
 * outside it).
 */
public final class CachingDidResolver implements DidResolver {

    private record CacheEntry(ResolvedDid doc, Instant expires) {
    }

    private final DidResolver delegate;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, CacheEntry> cache;

    /**
     * @param maxEntries bound on cached documents (least recently used are evicted)
     * @param ttl how long a document is reused before it is resolved again
     */
    public CachingDidResolver(DidResolver delegate, Clock clock, int maxEntries, Duration ttl) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
        }
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CacheEntry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public ResolvedDid resolve(String did) throws DidResolutionException {
        Instant now = clock.instant();
        synchronized (cache) {
            CacheEntry e = cache.get(did);
            if (e != null && now.isBefore(e.expires())) {
                return e.doc();
            }
        }
        ResolvedDid doc = delegate.resolve(did);
        synchronized (cache) {
            cache.put(did, new CacheEntry(doc, now.plus(ttl)));
        }
        return doc;
    }

    /** Number of cached documents, for tests and metrics. */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }
}
