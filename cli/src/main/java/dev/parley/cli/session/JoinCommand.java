package dev.parley.cli.session;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.didcomm.mediator.InvitationLinks;
import dev.parley.didcomm.mediator.MediatorUnavailableException;
import dev.parley.didcomm.oob.InvalidInvitationException;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.session.Session;
import dev.parley.session.SessionConfig;
import dev.parley.session.didcomm.SessionMessages;
import dev.parley.session.didcomm.SessionRefusedException;
import dev.parley.session.didcomm.Sessions;
import dev.parley.session.didcomm.UpgradeTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code parley join LINK}: proposes a session to whoever showed the link, then pipes stdin/stdout. */
@Command(name = "join", mixinStandardHelpOptions = true,
        description = {"Join the session behind a link from 'parley listen' and pipe stdin/stdout through it.",
            "The link may be pasted with the chat text around it. Status goes to stderr."})
public final class JoinCommand implements Callable<Integer> {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final CliContext context;

    @Mixin
    private EndpointOptions endpointOptions = new EndpointOptions();

    @Parameters(paramLabel = "LINK", description = "The link 'parley listen' showed (surrounding text is ignored).")
    private String link;

    JoinCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Invitation invitation;
        try {
            invitation = new InvitationLinks(Duration.ofSeconds(10)).read(link);
        } catch (InvalidInvitationException e) {
            throw CliException.badInput("not a Parley session link: " + e.getMessage()
                    + "; copy the whole link 'parley listen' showed", e);
        } catch (MediatorUnavailableException e) {
            throw CliException.environment(e.getMessage(), e);
        }
        if (!SessionEndpoint.GOAL_CODE.equals(invitation.goalCode())) {
            throw CliException.badInput("the link is an invitation for \"" + invitation.goalCode()
                    + "\", not a Parley session; use the link 'parley listen' showed");
        }
        try (SessionEndpoint endpoint = SessionEndpoint.open(context, endpointOptions)) {
            SessionEndpoint.status(context, "handshake with " + invitation.from());
            Session session;
            try {
                session = Sessions.connect(endpoint.upgrade(Optional.empty()), invitation.from(),
                        Optional.of(invitation.id()), endpoint.conversation(), endpoint.offerer(invitation.from()), SessionConfig.defaults(),
                        ANSWER_TIMEOUT);
            } catch (SessionRefusedException e) {
                SessionMessages.RejectBody r = e.reject();
                throw CliException.badInput("the inviter refused the session (" + r.code() + "): " + r.comment(), e);
            } catch (UpgradeTimeoutException e) {
                throw CliException.environment("no answer from " + invitation.from() + " within "
                        + ANSWER_TIMEOUT.toSeconds() + " s; is 'parley listen' still running, with the same mediator?",
                        e);
            }
            endpoint.pipe(session);
        }
        return 0;
    }
}
