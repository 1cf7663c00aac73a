package dev.parley.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command; subcommands do the work. */
@Command(
        name = "parley",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Meet through a chat link, upgrade to a private session and compute together.",
            "",
            "Identities live in PARLEY_HOME (default ~/.parley); keys are encrypted with the passphrase",
            "from PARLEY_PASSPHRASE or asked for without echo."
        },
        subcommands = {
            CommandLine.HelpCommand.class,
            dev.parley.cli.id.IdCommand.class,
            dev.parley.cli.did.DidCommand.class,
            dev.parley.cli.didcomm.DidCommCommand.class,
            dev.parley.cli.didcomm.InviteCommand.class,
            dev.parley.cli.mediator.MediatorCommand.class,
            dev.parley.cli.mpc.MpcCommand.class,
            dev.parley.cli.nat.NatCommand.class,
            dev.parley.cli.nat.StunCommand.class,
            dev.parley.cli.demo.DemoCommand.class,
            dev.parley.cli.session.ListenCommand.class, dev.parley.cli.session.JoinCommand.class, dev.parley.cli.session.ConnectCommand.class,
            AutoComplete.GenerateCompletion.class
        },
        footer = {"", "Exit codes: 0 ok, 1 bad input or usage, 2 environment problem, 3 internal error."})
final class ParleyCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces with errors.")
    private boolean verbose;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.BAD_INPUT.code();
    }
}
