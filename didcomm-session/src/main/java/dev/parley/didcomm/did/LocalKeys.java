package dev.parley.didcomm.did;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable in-memory {@link SecretResolver} over a fixed set of private keys. */
public final class LocalKeys implements SecretResolver {

    private final Map<String, PrivateKeyJwk> keys;

    public LocalKeys(Collection<PrivateKeyJwk> keys) {
        Map<String, PrivateKeyJwk> m = new LinkedHashMap<>();
        for (PrivateKeyJwk k : keys) {
            if (m.put(k.kid(), k) != null) {
                throw new IllegalArgumentException("duplicate private key id " + k.kid());
            }
        }
        this.keys = java.util.Collections.unmodifiableMap(m);
    }

    public static LocalKeys of(PrivateKeyJwk... keys) {
        return new LocalKeys(List.of(keys));
    }

    @Override
    public Optional<PrivateKeyJwk> find(String kid) {
        return Optional.ofNullable(keys.get(kid));
    }

    /** The key ids held, in insertion order. */
    public List<String> kids() {
        return List.copyOf(keys.keySet());
    }

    /** This set plus {@code other}'s keys. */
    public LocalKeys with(LocalKeys other) {
        List<PrivateKeyJwk> all = new java.util.ArrayList<>(keys.values());
        all.addAll(other.keys.values());
        return new LocalKeys(all);
    }

    @Override
    public String toString() {
        return "LocalKeys" + keys.keySet();
    }
}
