package dev.parley.cli.session;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.IdentityChoice;
import dev.parley.cli.KeystoreAccess;
import dev.parley.did.DidException;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.KeystoreException;
import dev.parley.didcomm.did.CachingDidResolver;
import dev.parley.didcomm.did.DidCoreResolver;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.KeystoreIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import java.time.Clock;
import java.time.Duration;

/**
 * The identity a session command acts as, loaded once: its DIDComm form (for the mediator) and its X25519
 * key-agreement key (the Noise static key). A did:key must be Ed25519 (its X25519 key is derived); a did:peer:2 uses
 * its {@code #key-2}. Holds private keys: never printed.
 */
record LocalParty(String did, LocalIdentity didcomm, PrivateKey sessionKey, DidResolver resolver) {

    @Override
    public String toString() {
        return "LocalParty[" + did + ", keys redacted]";
    }

    /** The identity named by {@code --as}, or the only one in the keystore. */
    static LocalParty load(CliContext context, String as) throws CliException, KeystoreException, DidException,
            DidResolutionException {
        String name = IdentityChoice.resolve(context, as);
        Identity identity = new KeystoreAccess(context).load(name);
        PrivateKey x25519 = switch (identity.method()) {
            case "peer" -> identity.key("#key-2").key();
            case "key" -> {
                PrivateKey k = identity.keys().getFirst().key();
                if (k.type() != KeyType.ED25519) {
                    throw CliException.badInput("identity \"" + name + "\" is a " + k.type() + " did:key; a session"
                            + " needs an Ed25519 did:key or a did:peer:2 (parley id create NAME --method peer)");
                }
                yield k.deriveX25519();
            }
            default -> throw CliException.badInput("identity \"" + name + "\" uses did:" + identity.method()
                    + "; a session needs an Ed25519 did:key or a did:peer:2");
        };
        DidResolver resolver = new CachingDidResolver(DidCoreResolver.withInstalledMethods(), Clock.systemUTC(), 64,
                Duration.ofMinutes(10));
        return new LocalParty(identity.did().toString(), KeystoreIdentities.toLocalIdentity(identity, resolver), x25519,
                resolver);
    }
}
