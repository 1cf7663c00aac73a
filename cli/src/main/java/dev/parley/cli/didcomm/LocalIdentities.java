package dev.parley.cli.didcomm;

import dev.parley.cli.CliContext;
import dev.parley.cli.KeystoreAccess;
import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.Passphrase;
import dev.parley.didcomm.did.CachingDidResolver;
import dev.parley.didcomm.did.DidCoreResolver;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.KeystoreIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.did.keystore.KeystoreException;
import dev.parley.cli.CliException;
import java.time.Clock;
import java.time.Duration;

/** Loads a keystore identity as the DIDComm layer's {@link LocalIdentity}, with one resolver per command. */
final class LocalIdentities {

    private final CliContext context;
    private final DidResolver resolver =
            new CachingDidResolver(DidCoreResolver.withInstalledMethods(), Clock.systemUTC(), 64, Duration.ofMinutes(10));

    LocalIdentities(CliContext context) {
        this.context = context;
    }

    DidResolver resolver() {
        return resolver;
    }

    LocalIdentity load(String name) throws CliException, KeystoreException, DidResolutionException {
        KeystoreAccess access = new KeystoreAccess(context);
        Identity identity;
        try (Passphrase passphrase = access.passphrase("identity \"" + name + "\"", false)) {
            identity = access.keystore().load(name, passphrase);
        }
        return KeystoreIdentities.toLocalIdentity(identity, resolver);
    }
}
