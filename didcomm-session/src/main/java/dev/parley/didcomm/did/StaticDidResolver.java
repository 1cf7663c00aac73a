package dev.parley.didcomm.did;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves DIDs from documents handed to it, for DIDs learned out of band (contacts, test vectors).
 * Thread-safe.
 */
public final class StaticDidResolver implements DidResolver {

    private final Map<String, ResolvedDid> docs = new ConcurrentHashMap<>();

    public StaticDidResolver(Collection<ResolvedDid> known) {
        known.forEach(this::add);
    }

    /** Adds or replaces a document. */
    public void add(ResolvedDid doc) {
        docs.put(doc.did(), doc);
    }

    @Override
    public ResolvedDid resolve(String did) throws DidResolutionException {
        ResolvedDid d = docs.get(did);
        if (d == null) {
            throw new DidResolutionException("unknown DID " + did + ": no document was registered for it");
        }
        return d;
    }
}
