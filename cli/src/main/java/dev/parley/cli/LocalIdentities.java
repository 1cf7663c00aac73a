package dev.parley.cli;

import dev.parley.did.keystore.KeystoreException;
import dev.parley.didcomm.did.CachingDidResolver;
import dev.parley.didcomm.did.DidCoreResolver;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.KeystoreIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import java.time.Clock;
import java.time.Duration;

/** Loads a keystore identity as the DIDComm layer's {@link LocalIdentity}, with one resolver per command. */
public final class LocalIdentities {

    private final CliContext context;
    private final DidResolver resolver =
            new CachingDidResolver(DidCoreResolver.withInstalledMethods(), Clock.systemUTC(), 64, Duration.ofMinutes(10));

    public LocalIdentities(CliContext context) {
        this.context = context;
    }

    public DidResolver resolver() {
        return resolver;
    }

    public LocalIdentity load(String name) throws CliException, KeystoreException, DidResolutionException {
        return KeystoreIdentities.toLocalIdentity(new KeystoreAccess(context).load(name), resolver);
    }
}
