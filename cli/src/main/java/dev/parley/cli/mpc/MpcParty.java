package dev.parley.cli.mpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.IdentityChoice;
import dev.parley.cli.Json;
import dev.parley.cli.KeystoreAccess;
import dev.parley.did.DidException;
import dev.parley.did.keystore.KeystoreException;
import dev.parley.didcomm.did.CachingDidResolver;
import dev.parley.didcomm.did.DidCoreResolver;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.mediator.MediatorClientException;
import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.didcomm.mediator.MediatorRefusedException;
import dev.parley.didcomm.mediator.MediatorUnavailableException;
import dev.parley.mpc.MpcException;
import dev.parley.mpc.ProgramMismatchException;
import dev.parley.mpc.group.GroupException;
import dev.parley.mpc.group.GroupIdentity;
import dev.parley.mpc.group.GroupOutcome;
import dev.parley.mpc.group.GroupProtocol;
import dev.parley.mpc.group.GroupSettings;
import dev.parley.mpc.group.GroupTimeoutException;
import dev.parley.mpc.group.MeshFailedException;
import dev.parley.mpc.program.InvalidInputException;
import dev.parley.mpc.program.ProgramBinding;
import dev.parley.mpc.program.ProgramRegistry;
import dev.parley.nat.link.LinkConfig;
import dev.parley.nat.link.PeerLinks;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One party of {@code mpc host} or {@code mpc join}: its identity, mailbox and settings, its errors and its output. */
final class MpcParty {
    static final Clock CLOCK = Clock.systemUTC();

    private MpcParty() {
    }

    static ProgramBinding.PreparedRun prepare(ProgramRegistry.Entry entry, String input) throws CliException {
        try {
            return entry.prepare(Optional.ofNullable(input));
        } catch (InvalidInputException e) {
            throw CliException.badInput(e.getMessage(), e);
        }
    }

    /** {@code --ephemeral}'s fresh did:key, or the keystore identity named by {@code --as} (or the only one). */
    static GroupIdentity identity(CliContext context, MpcPartyOptions options) throws CliException, KeystoreException,
            DidException, DidResolutionException {
        PeerLinks.prewarm(); // ice4j and the HTTP client warm up while the keystore and the mediator are read
        DidResolver resolver = new CachingDidResolver(DidCoreResolver.withInstalledMethods(), CLOCK, 64,
                Duration.ofMinutes(10));
        if (options.ephemeral) {
            if (options.endpoint.as() != null) {
                throw CliException.badInput("--ephemeral and --as exclude each other: choose one");
            }
            GroupIdentity id = GroupIdentity.ephemeral(resolver, new SecureRandom(), CLOCK);
            status(context, "acting as a fresh ephemeral " + id.did());
            return id;
        }
        String name = IdentityChoice.resolve(context, options.endpoint.as());
        try {
            return GroupIdentity.of(new KeystoreAccess(context).load(name), resolver);
        } catch (GroupIdentity.UnsupportedIdentityException e) {
            throw CliException.badInput(e.getMessage(), e);
        }
    }

    static MediatorMailbox mailbox(CliContext context, String mediator, GroupIdentity me) throws CliException {
        status(context, "resolving mediator");
        try {
            return MediatorMailbox.open(mediator, me.didcomm(), me.resolver(),
                    GroupProtocol.mailboxSettings(w -> status(context, w)));
        } catch (MediatorUnavailableException e) {
            throw CliException.environment("mediator unreachable: " + e.getMessage(), e);
        } catch (MediatorRefusedException e) {
            throw CliException.environment("mediator " + mediator + " refuses: " + e.getMessage(), e);
        } catch (MediatorClientException e) {
            throw CliException.badInput("mediator " + mediator + ": " + e.getMessage(), e);
        }
    }

    static GroupSettings settings(CliContext context, MpcPartyOptions options) throws CliException {
        if (options.timeoutSeconds < 1 || options.timeoutSeconds > GroupSettings.MAX_VALIDITY.toSeconds()) {
            throw CliException.badInput("--timeout must be 1 to " + GroupSettings.MAX_VALIDITY.toSeconds()
                    + " seconds, got " + options.timeoutSeconds);
        }
        if (options.roundTimeoutSeconds < 1 || options.roundTimeoutSeconds > 3600) {
            throw CliException.badInput("--round-timeout must be 1 to 3600 seconds, got "
                    + options.roundTimeoutSeconds);
        }
        Duration timeout = Duration.ofSeconds(options.timeoutSeconds);
        LinkConfig links = LinkConfig.of(options.endpoint.stunServers(Optional.ofNullable(context.env()
                        .get("PARLEY_STUN"))), Optional.empty()).withHosts(options.endpoint.hostPolicy())
                .withConnectTimeout(Duration.ofSeconds(20));
        GroupSettings defaults = GroupSettings.defaults(links);
        return defaults.withInvitationValidity(timeout).withRosterWait(timeout)
                .withMeshTimeout(timeout.compareTo(defaults.meshTimeout()) < 0 ? timeout : defaults.meshTimeout())
                .withRoundTimeout(Duration.ofSeconds(options.roundTimeoutSeconds));
    }

    /** The one-line error for a failed group run: the link, the host or the program is 1, the network 2. */
    static CliException failure(Exception e) {
        return switch (e) {
            case GroupTimeoutException t -> CliException.environment(t.getMessage(), t);
            case MeshFailedException m -> CliException.environment(m.getMessage(), m);
            case GroupException g -> CliException.badInput(g.getMessage(), g);
            case ProgramMismatchException p -> CliException.badInput(p.getMessage(), p);
            case MpcException m -> CliException.environment("the computation stopped: " + m.getMessage(), m);
            case IOException io -> CliException.environment("the mediator failed: " + io.getMessage(), io);
            default -> throw new IllegalStateException("unexpected failure " + e.getClass().getName(), e);
        };
    }

    /** stdout: one {@code result:} line, or one JSON object. */
    static void report(CliContext context, GroupOutcome o, boolean json) {
        if (!json) {
            context.out().println("result: " + o.result().text());
            context.out().flush();
            return;
        }
        ObjectNode node = Json.object();
        node.set("result", o.result().json());
        node.put("text", o.result().text());
        node.put("program", o.roster().program().name());
        node.put("version", o.roster().program().version());
        node.put("fingerprint", o.roster().fingerprint().hex());
        node.put("group", o.roster().groupId());
        node.put("party", o.party());
        node.put("parties", o.parties());
        node.put("threshold", o.roster().threshold());
        ObjectNode paths = node.putObject("paths");
        Map<Integer, String> sorted = new TreeMap<>();
        o.paths().forEach((peer, path) -> sorted.put(peer, path.kind().label()));
        sorted.forEach((peer, kind) -> paths.put(String.valueOf(peer), kind));
        ObjectNode t = node.putObject("timings");
        t.put("join", millis(o.timings().join()));
        t.put("mesh", millis(o.timings().mesh()));
        t.put("handshakes", millis(o.timings().handshakes()));
        t.put("compute", millis(o.timings().compute()));
        t.put("total", millis(o.timings().total()));
        node.put("rounds", o.rounds());
        context.out().println(node.toString());
        context.out().flush();
    }

    private static double millis(Duration d) {
        return Math.round(d.toNanos() / 1e4) / 100.0;
    }

    static void status(CliContext context, String line) {
        context.err().println(line);
        context.err().flush();
    }
}
