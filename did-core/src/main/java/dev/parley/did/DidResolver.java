package dev.parley.did;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Resolves DIDs through registered {@link DidMethod} drivers, caching documents in a
 * size-bounded LRU cache (documents are immutable, and did:key / did:peer documents never
 * change, so entries do not expire).
 *
 * <p>Thread-safe. Failures are not cached. Resolution of a cached DID costs one map lookup.
 */
public final class DidResolver {

  private final Map<String, DidMethod> methods;
  private final LruCache cache;

  /**
   * @param methods drivers; method names must be unique
   * @param cacheSize maximum number of cached documents (0 disables caching)
   */
  public DidResolver(List<DidMethod> methods, int cacheSize) {
    if (cacheSize < 0) {
      throw new IllegalArgumentException("cacheSize must be >= 0, got " + cacheSize);
    }
    Map<String, DidMethod> byName = new LinkedHashMap<>();
    for (DidMethod m : methods) {
      if (byName.putIfAbsent(m.name(), m) != null) {
        throw new IllegalArgumentException("two drivers for DID method \"" + m.name() + "\"");
      }
    }
    this.methods = Map.copyOf(byName);
    this.cache = new LruCache(cacheSize);
  }

  /** A resolver with every {@link DidMethod} on the class path (did:key and did:peer here). */
  public static DidResolver withInstalledMethods(int cacheSize) {
    List<DidMethod> found = ServiceLoader.load(DidMethod.class, DidResolver.class.getClassLoader())
        .stream().map(ServiceLoader.Provider::get).toList();
    return new DidResolver(found, cacheSize);
  }

  /** The method names this resolver handles. */
  public java.util.Set<String> methodNames() {
    return methods.keySet();
  }

  public DidDocument resolve(String did) throws DidException {
    return resolve(Did.parse(did));
  }

  public DidDocument resolve(Did did) throws DidException {
    String key = did.toString();
    DidDocument cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    DidMethod method = methods.get(did.method());
    if (method == null) {
      throw new UnsupportedDidMethodException("DID method \"" + did.method()
          + "\" is not supported; supported methods: " + String.join(", ", methods.keySet().stream().sorted().toList()));
    }
    DidDocument doc = method.resolve(did);
    cache.put(key, doc);
    return doc;
  }

  /**
   * Resolves a DID URL with a fragment (a key id such as {@code did:peer:2...#key-1} or
   * {@code did:key:z6Mk...#z6LS...}) to its verification method.
   */
  public VerificationMethod resolveVerificationMethod(String didUrl) throws DidException {
    DidUrl url = DidUrl.parse(didUrl);
    if (url.fragment().isEmpty()) {
      throw new MalformedDidException("\"" + Did.shorten(didUrl)
          + "\" has no fragment; a key id looks like did:...#key-1");
    }
    return resolve(url.did()).verificationMethod("#" + url.fragment().get());
  }

  /** Number of cached documents (for tests and metrics). */
  public int cachedCount() {
    return cache.size();
  }

  private static final class LruCache {
    private final int capacity;
    private final LinkedHashMap<String, DidDocument> map;

    LruCache(int capacity) {
      this.capacity = capacity;
      this.map = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DidDocument> eldest) {
          return size() > LruCache.this.capacity;
        }
      };
    }

    synchronized DidDocument get(String key) {
      return map.get(key);
    }

    synchronized void put(String key, DidDocument doc) {
      if (capacity > 0) {
        map.put(key, doc);
      }
    }

    synchronized int size() {
      return map.size();
    }
  }
}
