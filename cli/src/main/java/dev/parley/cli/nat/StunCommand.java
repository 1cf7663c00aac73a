package dev.parley.cli.nat;

import picocli.CommandLine.Command;

/** Groups the STUN server commands. */
@Command(name = "stun", mixinStandardHelpOptions = true, description = "Run a STUN server.",
        subcommands = StunServeCommand.class)
public final class StunCommand {}
