package dev.parley.cli.mpc;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.didcomm.mediator.InvitationLinks;
import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.didcomm.mediator.MediatorUnavailableException;
import dev.parley.didcomm.oob.InvalidInvitationException;
import dev.parley.mpc.MpcException;
import dev.parley.mpc.group.GroupException;
import dev.parley.mpc.group.GroupIdentity;
import dev.parley.mpc.group.GroupInvitation;
import dev.parley.mpc.group.GroupJoiner;
import dev.parley.mpc.group.GroupOutcome;
import dev.parley.mpc.group.GroupSettings;
import dev.parley.mpc.group.InvalidGroupInvitationException;
import dev.parley.mpc.program.ProgramBinding;
import dev.parley.mpc.program.ProgramRegistry;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code parley mpc join LINK}: reads the group link (the mediator comes from it unless {@code --mediator}), asks the
 * host to join, verifies the signed roster, opens a session with every other party and computes.
 */
@Command(name = "join", mixinStandardHelpOptions = true,
        description = {"Join the MPC group behind a link from 'parley mpc host' and compute with it.",
            "The mediator comes from the link; --mediator overrides it (PARLEY_MEDIATOR is not used).",
            "Progress goes to stderr; stdout gets one 'result:' line (or one JSON object with --json)."})
final class MpcJoinCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    private MpcPartyOptions options = new MpcPartyOptions();

    @Parameters(paramLabel = "LINK", description = {"The link 'parley mpc host' showed, short or full (surrounding text",
        "is ignored). A short link is opened at its mediator; a full link is read offline."})
    private String link;

    MpcJoinCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        ProgramRegistry registry = ProgramRegistry.standard(MpcParty.CLOCK);
        GroupInvitation invitation;
        try {
            invitation = GroupInvitation.read(new InvitationLinks(Duration.ofSeconds(10)).read(link), registry,
                    MpcParty.CLOCK);
        } catch (InvalidInvitationException e) {
            throw CliException.badInput("not a Parley group link: " + e.getMessage(), e);
        } catch (MediatorUnavailableException e) {
            throw CliException.environment(e.getMessage(), e);
        } catch (InvalidGroupInvitationException e) {
            throw CliException.badInput(e.getMessage(), e);
        }
        ProgramRegistry.Entry entry = registry.find(invitation.program().name()).orElseThrow();
        ProgramBinding.PreparedRun run = MpcParty.prepare(entry, options.input);
        GroupSettings settings = MpcParty.settings(context, options);
        GroupIdentity me = MpcParty.identity(context, options);
        String mediator = options.endpoint.mediator() != null ? options.endpoint.mediator() : invitation.mediator();
        MpcParty.status(context, "group " + invitation.groupId().substring(0, 8) + ": " + invitation.program().name()
                + " v" + invitation.program().version() + ", " + invitation.parties() + " parties, host "
                + invitation.hostDid());
        try (MediatorMailbox mailbox = MpcParty.mailbox(context, mediator, me)) {
            GroupJoiner joiner = new GroupJoiner(me, mailbox, invitation, run, settings,
                    line -> MpcParty.status(context, line), MpcParty.CLOCK, new SecureRandom());
            GroupOutcome outcome;
            try {
                outcome = joiner.run();
            } catch (GroupException | MpcException | IOException e) {
                throw MpcParty.failure(e);
            }
            MpcParty.report(context, outcome, options.json);
        }
        return 0;
    }
}
