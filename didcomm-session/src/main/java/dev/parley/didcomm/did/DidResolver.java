package dev.parley.didcomm.did;

/**
 * Resolves a DID to the keys and services DIDComm needs. Implementations must be thread-safe; the
 * production one adapts did-core's resolver ({@link DidCoreResolver}), wrapped in {@link CachingDidResolver}.
 */
@FunctionalInterface
public interface DidResolver {

    /**
     * @throws DidResolutionException when the DID is malformed, its method unsupported, or its document
     *     lacks what DIDComm needs
     */
    ResolvedDid resolve(String did) throws DidResolutionException;
}
