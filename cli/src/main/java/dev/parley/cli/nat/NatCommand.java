package dev.parley.cli.nat;

import picocli.CommandLine.Command;

/** Groups the NAT diagnostics. */
@Command(name = "nat", mixinStandardHelpOptions = true, description = "Diagnose the network path.",
        subcommands = NatCheckCommand.class)
public final class NatCommand {}
