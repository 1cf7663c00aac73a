package dev.parley.cli.mediator;

import dev.parley.mediator.cli.MediatorServeCommand;
import picocli.CommandLine.Command;

/** Groups the mediator commands; {@code serve} is the mediator module's own command, as in its runnable jar. */
@Command(name = "mediator", mixinStandardHelpOptions = true,
        description = "Run a DIDComm mediator for your group, or ask one what it holds for you.",
        subcommands = {MediatorServeCommand.class, MediatorStatusCommand.class})
public final class MediatorCommand {}
