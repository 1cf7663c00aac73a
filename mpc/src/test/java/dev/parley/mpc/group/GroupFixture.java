package dev.parley.mpc.group;

import dev.parley.did.crypto.KeyType;
import dev.parley.did.keystore.Identities;
import dev.parley.didcomm.did.DidCoreResolver;
import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mpc.program.FormattedResult;
import dev.parley.mpc.program.ProgramBinding;
import dev.parley.mpc.program.ProgramDescriptor;
import dev.parley.mpc.transport.Transport;
import dev.parley.mpc.engine.EngineConfig;
import dev.parley.nat.link.HostPolicy;
import dev.parley.nat.link.LinkConfig;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A real mediator on port 0 and real parties (identities, mailboxes) on loopback paths, for group tests. */
final class GroupFixture implements AutoCloseable {
    static final Clock CLOCK = Clock.systemUTC();

    final Mediator mediator;
    private final List<MediatorMailbox> mailboxes = new ArrayList<>();

    GroupFixture(Path dir) throws Exception {
        mediator = Mediator.start(MediatorConfig.local(0, dir.resolve("mediator")));
    }

    /** Loopback candidates only, 20 s for the mesh, {@code round} per round. */
    static GroupSettings settings(Duration round) {
        LinkConfig links = LinkConfig.of(List.of(), Optional.empty()).withHosts(HostPolicy.LOOPBACK_ONLY)
                .withConnectTimeout(Duration.ofSeconds(15));
        return GroupSettings.defaults(links).withMeshTimeout(Duration.ofSeconds(20)).withRosterWait(
                Duration.ofSeconds(60)).withRoundTimeout(round);
    }

    /** A fresh did:key party, or a did:peer:2 one when {@code peer}. */
    GroupIdentity identity(boolean peer) throws Exception {
        var resolver = DidCoreResolver.withInstalledMethods();
        SecureRandom random = new SecureRandom();
        return peer ? GroupIdentity.of(Identities.newDidPeer2("p", List.of(), random, CLOCK), resolver)
                : GroupIdentity.of(Identities.newDidKey("k", KeyType.ED25519, random, CLOCK), resolver);
    }

    MediatorMailbox mailbox(GroupIdentity id) throws Exception {
        MediatorMailbox m = MediatorMailbox.open(mediator.invitationUrl(), id.didcomm(), id.resolver(),
                GroupProtocol.mailboxSettings(w -> { }));
        synchronized (mailboxes) {
            mailboxes.add(m);
        }
        return m;
    }

    /**
     * A party that joins and opens its sessions, then goes silent: it never touches the transport until released,
     * like a process that stopped after the mesh.
     */
    static final class Parked implements ProgramBinding.PreparedRun {
        private final ProgramDescriptor descriptor;
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        Parked(ProgramDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        @Override
        public ProgramDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public FormattedResult run(Transport transport, int threshold, EngineConfig config, SecureRandom random) {
            running.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            transport.close();
            return new FormattedResult("parked", JsonNodeFactory.instance.objectNode());
        }
    }

    @Override
    public void close() throws Exception {
        synchronized (mailboxes) {
            mailboxes.forEach(MediatorMailbox::close);
        }
        mediator.close();
    }
}
