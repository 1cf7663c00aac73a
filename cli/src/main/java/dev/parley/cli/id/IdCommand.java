package dev.parley.cli.id;

import picocli.CommandLine.Command;

/** Groups the identity commands. */
@Command(
        name = "id",
        description = "Manage your identities (DIDs and their encrypted private keys).",
        mixinStandardHelpOptions = true,
        subcommands = {
            IdCreateCommand.class,
            IdListCommand.class,
            IdShowCommand.class,
            IdExportCommand.class,
            IdImportCommand.class,
            IdDeleteCommand.class
        })
public final class IdCommand {}
