package dev.parley.cli.mpc;

import dev.parley.cli.session.EndpointOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code mpc host} and {@code mpc join} share: identity, mediator, candidates, input, output, patience. */
final class MpcPartyOptions {
    @Mixin
    EndpointOptions endpoint = new EndpointOptions();

    @Option(names = "--ephemeral", description = "Act as a fresh in-memory did:key for this run only (no keystore).")
    boolean ephemeral;

    @Option(names = "--input", paramLabel = "VALUE",
            description = "This party's private input (sum, max: an integer; vote: yes or no; others: none).")
    String input;

    @Option(names = "--json", description = "Print one JSON object instead of the 'result:' line.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long to wait for the others to join (default: ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    @Option(names = "--round-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = {"Give up when a party sends nothing for this long during the computation",
                "(default: ${DEFAULT-VALUE} s): a party that vanishes stops the others within this bound."})
    int roundTimeoutSeconds;
}
