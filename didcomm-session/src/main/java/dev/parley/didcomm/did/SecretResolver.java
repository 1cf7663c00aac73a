package dev.parley.didcomm.did;

import java.util.Optional;

/** Finds the local private key for a DID URL. Implementations must be thread-safe. */
@FunctionalInterface
public interface SecretResolver {

    /** The private key named {@code kid}, if this agent holds it. */
    Optional<PrivateKeyJwk> find(String kid);
}
