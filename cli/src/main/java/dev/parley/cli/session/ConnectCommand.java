package dev.parley.cli.session;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.did.Did;
import dev.parley.did.DidException;
import dev.parley.didcomm.message.Message;
import dev.parley.session.Session;
import dev.parley.session.SessionConfig;
import dev.parley.session.didcomm.SessionMessages;
import dev.parley.session.didcomm.SessionUpgrade;
import dev.parley.session.didcomm.Sessions;
import dev.parley.session.handshake.GlareException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code parley connect DID}: for two parties who know each other's DIDs and both run it. Each proposes; if both
 * proposals cross (glare) the lower DID's wins ({@link SessionUpgrade} decides, the same way on both sides). Only
 * messages from the named DID are considered. Both sides may start at the same moment, before the other registered at
 * the mediator, so the proposal is repeated until the peer answers or refuses it.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = {"Open a session with a known DID (who runs 'parley connect' with yours) and pipe stdin/stdout.",
            "Status goes to stderr."})
public final class ConnectCommand implements Callable<Integer> {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A forward to a DID the mediator does not serve yet is dropped, so a proposal sent before the peer registered
     * is lost; it is sent again (freshly encrypted, same message id) until answered.
     */
    private static final Duration RESEND = Duration.ofSeconds(2);

    private final CliContext context;

    @Mixin
    private EndpointOptions endpointOptions = new EndpointOptions();

    @Parameters(paramLabel = "DID", description = "The peer's DID.")
    private String peer;

    ConnectCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        try {
            Did.parse(peer);
        } catch (DidException e) {
            throw CliException.badInput("\"" + peer + "\" is not a DID: " + e.getMessage(), e);
        }
        try (SessionEndpoint endpoint = SessionEndpoint.open(context, endpointOptions)) {
            if (peer.equals(endpoint.party().did())) {
                throw CliException.badInput("that is this identity's own DID; name the peer's DID");
            }
            SessionEndpoint.status(context, "handshake with " + peer);
            SessionUpgrade upgrade = endpoint.upgrade(Optional.empty());
            Sessions.Link link = endpoint.offerer(peer);
            Session session;
            try {
                session = establish(endpoint, upgrade, link);
            } catch (Exception e) {
                link.close();
                throw e;
            }
            endpoint.pipe(session);
        }
        return 0;
    }

    private Session establish(SessionEndpoint endpoint, SessionUpgrade upgrade, Sessions.Link link) throws Exception {
        Message propose = upgrade.propose(peer, Optional.empty(), link.offer());
        endpoint.mailbox().send(propose);
        boolean proposalLive = true;
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        long resendAt = System.nanoTime() + RESEND.toNanos();
        Sessions.Answerer answerer = endpoint.answerer();
        while (true) {
            long now = System.nanoTime();
            if (now >= deadline) {
                throw CliException.environment("no answer from " + peer + " within " + ANSWER_TIMEOUT.toSeconds()
                        + " s; is it running 'parley connect' with this DID, with the same mediator?");
            }
            if (proposalLive && now >= resendAt) {
                endpoint.mailbox().send(propose);
                resendAt = now + RESEND.toNanos();
            }
            Optional<Message> next = endpoint.mailbox().next(Duration.ofNanos(Math.min(deadline, resendAt) - now));
            if (next.isEmpty()) {
                continue;
            }
            Message m = next.get();
            if (!m.fromDid().map(peer::equals).orElse(false)) {
                continue;
            }
            Sessions.Handled handled = Sessions.handle(upgrade, m, answerer);
            switch (handled.outcome()) {
                case SessionUpgrade.Upgraded u when u.reply().isPresent() -> {
                    endpoint.mailbox().send(u.reply().get());
                    link.close();
                    return Session.start(u.established(), handled.answer().orElseThrow().link(),
                            SessionConfig.defaults());
                }
                case SessionUpgrade.Upgraded u -> {
                    return Session.start(u.established(), link.complete(u.established().peerCandidates()),
                            SessionConfig.defaults());
                }
                case SessionUpgrade.Refused f -> {
                    endpoint.mailbox().send(f.reply());
                    if (!(f.cause() instanceof GlareException)) {
                        throw f.cause();
                    }
                }
                case SessionUpgrade.PeerRejected r -> {
                    proposalLive = false;
                    if (!r.reject().code().equals("e.p.session.glare")) {
                        throw CliException.badInput("the peer refused the session (" + r.reject().code() + "): "
                                + r.reject().comment());
                    }
                }
                case SessionUpgrade.Ignored i -> {
                    // A late or duplicate message (e.g. the reject of a proposal this side dropped in glare).
                }
            }
        }
    }
}
