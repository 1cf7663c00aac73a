package dev.parley.cli.mpc;

import picocli.CommandLine.Command;

/** Groups the secure multiparty computation commands. */
@Command(name = "mpc", mixinStandardHelpOptions = true,
        description = "Compute together in private: every party learns the result and nothing else.",
        subcommands = {MpcProgramsCommand.class, MpcHostCommand.class, MpcJoinCommand.class})
public final class MpcCommand {}
