package dev.parley.cli.session;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.didcomm.oob.OobLinks;
import dev.parley.session.Session;
import dev.parley.session.SessionConfig;
import dev.parley.session.didcomm.SessionMessages;
import dev.parley.session.didcomm.SessionUpgrade;
import dev.parley.session.didcomm.Sessions;
import dev.parley.session.handshake.InvitationException;
import dev.parley.session.handshake.InvitationRegistry;
import dev.parley.session.handshake.SessionInvitation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley listen}: shows a one-time session link, accepts whoever joins first, then pipes stdin/stdout. */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Show a one-time link, wait for 'parley join LINK', then pipe stdin/stdout through the session.",
            "Status goes to stderr; exit 0 once both sides' input ended and everything arrived."})
public final class ListenCommand implements Callable<Integer> {
    private static final URI LINK_BASE = URI.create("https://parley.dev/s");

    private final CliContext context;

    @Mixin
    private EndpointOptions endpointOptions = new EndpointOptions();
    private final Clock clock = Clock.systemUTC();

    @Option(names = "--link-file", paramLabel = "FILE", description = "Also write the link into FILE.")
    private Path linkFile;

    @Option(names = "--valid-for", paramLabel = "MINUTES", defaultValue = "10",
            description = "How long the link may be used (default: ${DEFAULT-VALUE} minutes).")
    private int validMinutes;

    ListenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (validMinutes < 1 || validMinutes > 24 * 60) {
            throw CliException.badInput("--valid-for must be 1 to 1440 minutes, got " + validMinutes);
        }
        try (SessionEndpoint endpoint = SessionEndpoint.open(context, endpointOptions)) {
            String did = endpoint.party().did();
            InvitationRegistry registry = new InvitationRegistry(did, 4, clock, new SecureRandom());
            SessionInvitation invitation = registry.issue(Duration.ofMinutes(validMinutes), true, SessionEndpoint.PIPE);
            String link = new OobLinks().toUrl(new Invitation(invitation.id(), did, SessionEndpoint.GOAL_CODE,
                    "Open a Parley session", List.of("didcomm/v2"), List.of()), LINK_BASE);
            if (linkFile != null) {
                Files.writeString(linkFile, link + "\n", StandardCharsets.UTF_8);
            }
            SessionEndpoint.status(context, "link (one use, " + validMinutes + " min): " + link);
            SessionUpgrade upgrade = endpoint.upgrade(Optional.of(registry));
            Message propose = awaitPropose(endpoint.mailbox(), invitation, clock);
            SessionEndpoint.status(context, "handshake with " + propose.fromDid().orElse("?"));
            Session session = Sessions.accept(upgrade, propose, endpoint.conversation(), endpoint.answerer(),
                    SessionConfig.defaults());
            Thread refuser = Thread.ofPlatform().daemon().name("parley-refuser")
                    .start(() -> refuseLateJoiners(endpoint, upgrade, invitation.id()));
            try {
                endpoint.pipe(session);
            } finally {
                refuser.interrupt();
            }
        }
        return 0;
    }

    private static Message awaitPropose(MediatorMailbox mailbox, SessionInvitation invitation, Clock clock)
            throws Exception {
        while (true) {
            Duration left = Duration.between(clock.instant(), invitation.expiresAt());
            if (left.isNegative() || left.isZero()) {
                throw new InvitationException(InvitationException.Reason.EXPIRED,
                        "nobody joined before the link expired at " + invitation.expiresAt()
                                + "; run 'parley listen' again for a new link");
            }
            Optional<Message> m = mailbox.next(left);
            if (m.isPresent() && m.get().type().equals(SessionMessages.PROPOSE)
                    && invitation.id().equals(m.get().pthid())) {
                return m.get();
            }
        }
    }

    /** Answers every later propose for the spent invitation with the registry's refusal (invitation-used). */
    private void refuseLateJoiners(SessionEndpoint endpoint, SessionUpgrade upgrade, String invitationId) {
        try {
            while (true) {
                Optional<Message> m = endpoint.mailbox().next(Duration.ofSeconds(1));
                if (m.isEmpty() || !m.get().type().equals(SessionMessages.PROPOSE)
                        || !invitationId.equals(m.get().pthid())) {
                    continue;
                }
                SessionUpgrade.Outcome outcome = upgrade.handle(m.get(), offer -> {
                    throw new IllegalStateException("a spent invitation is refused before any answer is made");
                });
                if (outcome instanceof SessionUpgrade.Refused refused) {
                    endpoint.mailbox().send(refused.reply());
                    SessionEndpoint.status(context, "refused " + m.get().fromDid().orElse("?") + ": "
                            + refused.cause().getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            SessionEndpoint.status(context, "stopped answering late joiners: " + e.getMessage());
        }
    }
}
