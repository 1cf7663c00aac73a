package dev.parley.mpc.group;

import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.mpc.MpcException;
import dev.parley.mpc.group.internal.RoundCounter;
import dev.parley.mpc.program.FormattedResult;
import dev.parley.mpc.program.ProgramBinding;
import dev.parley.mpc.transport.SessionTransport;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Consumer;

/** The part host and joiners share once the roster is settled: the mesh, then the program over it. */
final class GroupRun {

    private GroupRun() {
    }

    static GroupOutcome meshAndCompute(GroupIdentity me, Roster roster, MediatorMailbox mailbox,
                                       ProgramBinding.PreparedRun run, GroupSettings settings,
                                       Consumer<String> progress, Clock clock, SecureRandom random, long startNanos,
                                       Duration join) throws GroupException, MpcException, InterruptedException {
        progress.accept("roster: " + roster.size() + " parties, program " + roster.program().name() + " v"
                + roster.program().version() + ", fingerprint " + roster.fingerprint().hex().substring(0, 16)
                + ", you are party " + roster.indexOf(me.did()));
        long meshStart = System.nanoTime();
        GroupMesh.Result mesh = new GroupMesh(me, roster, mailbox, settings, progress, clock, random).open();
        Duration meshTime = Duration.ofNanos(System.nanoTime() - meshStart);
        Duration slowest = mesh.paths().values().stream().map(PeerPath::handshake).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
        progress.accept("computing");
        long computeStart = System.nanoTime();
        RoundCounter transport = new RoundCounter(SessionTransport.over(roster.indexOf(me.did()), roster.size(),
                mesh.sessions(), new SessionTransport.Settings(settings.engine().roundTimeout(),
                        settings.session().maxMessageSize() - Long.BYTES, 8, 8, Duration.ofSeconds(2))));
        FormattedResult result = run.run(transport, roster.threshold(), settings.engine(), random);
        long end = System.nanoTime();
        Duration compute = Duration.ofNanos(end - computeStart);
        progress.accept(String.format(Locale.ROOT, "done: rounds %d, %.2f s", transport.rounds(),
                compute.toNanos() / 1e9));
        return new GroupOutcome(result, roster, roster.indexOf(me.did()), mesh.paths(),
                new GroupOutcome.Timings(join, meshTime, slowest, compute, Duration.ofNanos(end - startNanos)),
                transport.rounds());
    }
}
