package dev.parley.cli.mediator;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.IdentityChoice;
import dev.parley.cli.Json;
import dev.parley.cli.LocalIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.mediator.MediatorClientException;
import dev.parley.didcomm.mediator.MediatorEndpoints;
import dev.parley.didcomm.mediator.MediatorLocator;
import dev.parley.didcomm.mediator.MediatorStatus;
import dev.parley.didcomm.mediator.MediatorUnavailableException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley mediator status}: whether we are granted mediation, our routed keys and what is queued for us. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Ask the mediator what it holds for you: mediation granted, routed keys, queued messages.")
final class MediatorStatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--as", paramLabel = "NAME", description = "Your identity (default: the only one).")
    private String as;

    @Option(names = "--mediator", paramLabel = "URL",
            description = "The mediator's URL or invitation link (default: PARLEY_MEDIATOR).")
    private String mediator;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    MediatorStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        String where = IdentityChoice.mediator(context, mediator);
        String name = IdentityChoice.resolve(context, as);
        LocalIdentities identities = new LocalIdentities(context);
        LocalIdentity me = identities.load(name);
        var resolver = identities.resolver();
        MediatorStatus status;
        String mediatorDid;
        try {
            mediatorDid = new MediatorLocator(Duration.ofSeconds(10)).mediatorDid(where);
            MediatorEndpoints endpoints = MediatorEndpoints.resolve(mediatorDid, resolver);
            try (MediatorClient client = MediatorClient.create(endpoints.http(), mediatorDid, me, resolver)) {
                status = client.status();
            }
        } catch (MediatorUnavailableException e) {
            throw CliException.environment(e.getMessage(), e);
        } catch (MediatorClientException e) {
            throw CliException.badInput(e.getMessage(), e);
        }
        if (json) {
            var node = Json.object();
            node.put("mediator", mediatorDid);
            node.put("did", me.did());
            node.put("granted", status.granted());
            var keys = node.putArray("keys");
            status.keys().forEach(keys::add);
            node.put("queued_messages", status.queuedMessages());
            node.put("queued_bytes", status.queuedBytes());
            context.out().println(Json.pretty(node));
            return 0;
        }
        var out = context.out();
        out.println("mediator: " + mediatorDid);
        out.println("you:      " + me.did() + " (" + name + ")");
        out.println("granted:  " + (status.granted() ? "yes" : "no (request mediation first)"));
        out.println("keys:     " + (status.keys().isEmpty() ? "none" : String.join(", ", status.keys())));
        out.println("queued:   " + status.queuedMessages() + " messages, " + status.queuedBytes() + " bytes");
        return 0;
    }
}
