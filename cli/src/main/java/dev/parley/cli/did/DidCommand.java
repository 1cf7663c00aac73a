package dev.parley.cli.did;

import picocli.CommandLine.Command;

/** Groups the DID commands. */
@Command(name = "did", mixinStandardHelpOptions = true, description = "Work with DIDs of anyone.",
        subcommands = DidResolveCommand.class)
public final class DidCommand {}
