package dev.parley.cli.didcomm;

import picocli.CommandLine.Command;

/** Groups the out-of-band invitation commands. */
@Command(name = "invite", mixinStandardHelpOptions = true,
        description = "Create and inspect out-of-band invitation links (the link you paste into a chat).",
        subcommands = {InviteCreateCommand.class, InviteShowCommand.class})
public final class InviteCommand {}
