package dev.parley.mpc.transport;

import dev.parley.did.crypto.KeyType;
import dev.parley.did.keystore.Identities;
import dev.parley.did.keystore.Identity;
import dev.parley.didcomm.did.DidCoreResolver;
import dev.parley.didcomm.did.KeystoreIdentities;
import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.limit.Limits;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * n parties with fresh did:key identities and their mailboxes at a real mediator on port 0 (live delivery), each with a
 * {@link DidCommTransport} for one run. Closing closes the mailboxes and the mediator.
 */
public final class DidCommParties implements AutoCloseable {
    private final Mediator mediator;
    private final List<MediatorMailbox> mailboxes = new ArrayList<>();
    private final List<Transport> transports = new ArrayList<>();

    public DidCommParties(int n, Path dir, String runId) throws Exception {
        // every party posts from 127.0.0.1: the per-address request rate that protects a public mediator would
        // throttle the whole group as one client (HTTP 429 once a run outpaced it), so it is raised here
        mediator = Mediator.start(MediatorConfig.local(0, dir.resolve("mediator"))
                .withLimits(Limits.DEFAULTS.withRate(100_000, 100_000)));
        DidCoreResolver resolver = DidCoreResolver.withInstalledMethods();
        List<String> dids = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                Identity id = Identities.newDidKey("party-" + i, KeyType.ED25519, new SecureRandom(), Clock.systemUTC());
                mailboxes.add(MediatorMailbox.open(mediator.invitationUrl(),
                        KeystoreIdentities.toLocalIdentity(id, resolver), resolver,
                        DidCommTransport.mailboxSettings(64, w -> { })));
                dids.add(id.did().toString());
            }
        } catch (Exception e) {
            close();
            throw e;
        }
        for (int i = 1; i <= n; i++) {
            transports.add(DidCommTransport.over(i, dids, runId, mailboxes.get(i - 1), 16 << 20, new SecureRandom()));
        }
    }

    /** Party i's transport at index i-1. */
    public List<Transport> transports() {
        return transports;
    }

    @Override
    public void close() throws Exception {
        mailboxes.forEach(MediatorMailbox::close);
        mediator.close();
    }
}
