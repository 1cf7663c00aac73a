package dev.parley.cli.session;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.did.DidException;
import dev.parley.did.keystore.KeystoreException;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.mediator.MediatorClientException;
import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.didcomm.mediator.MediatorRefusedException;
import dev.parley.didcomm.mediator.MediatorUnavailableException;
import dev.parley.didcomm.mediator.NatConfig;
import dev.parley.nat.link.DatagramLink;
import dev.parley.nat.link.HostPolicy;
import dev.parley.nat.link.LinkConfig;
import dev.parley.nat.link.PeerLinks;
import dev.parley.session.DatagramTransport;
import dev.parley.session.Session;
import dev.parley.session.didcomm.SessionMessages;
import dev.parley.session.didcomm.SessionUpgrade;
import dev.parley.session.didcomm.Sessions;
import dev.parley.session.handshake.AppFingerprint;
import dev.parley.session.handshake.InvitationRegistry;
import dev.parley.session.handshake.PendingHandshakes;
import dev.parley.session.link.DatagramLinkTransport;
import dev.parley.session.link.MediatorPaths;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code listen} and {@code join} share: the identity, its mailbox at the mediator, the session upgrade, the
 * path makers (which remember the transport so the path can be shown) and the pipe. One per command run. Paths use
 * the mediator's STUN servers (unless {@code --stun} names one) and its relay: the initiator allocates, the responder
 * attaches with the token the handshake carried, so {@code path: relay} works where no direct path exists.
 */
final class SessionEndpoint implements AutoCloseable {
    /** Both sides run the same program: netcat over a session. */
    static final AppFingerprint PIPE = AppFingerprint.sha256("parley pipe/1");
    static final String GOAL_CODE = "parley-session";
    /** The longest a mediator grants (and the relay's own cap): a session on the relay ends with its allocation. */
    static final Duration RELAY_LIFETIME = Duration.ofHours(1);

    /** Which local addresses become host candidates. */
    enum Hosts { all, loopback }

    private final CliContext context;
    private final LocalParty party;
    private final MediatorMailbox mailbox;
    private final LinkConfig links;
    private final Optional<NatConfig> nat;
    private final AtomicReference<DatagramTransport> transport = new AtomicReference<>();

    private SessionEndpoint(CliContext context, LocalParty party, MediatorMailbox mailbox, LinkConfig links,
                            Optional<NatConfig> nat) {
        this.context = context;
        this.party = party;
        this.mailbox = mailbox;
        this.links = links;
        this.nat = nat;
    }

    static SessionEndpoint open(CliContext context, EndpointOptions options)
            throws CliException, KeystoreException, DidException, DidResolutionException {
        String mediator = options.mediator != null ? options.mediator : context.env().get("PARLEY_MEDIATOR");
        if (mediator == null || mediator.isBlank()) {
            throw CliException.badInput("no mediator: pass --mediator URL or set PARLEY_MEDIATOR (the mediator's URL"
                    + " or the invitation link it prints)");
        }
        List<InetSocketAddress> stun = options.stunServers(Optional.ofNullable(context.env().get("PARLEY_STUN")));
        PeerLinks.prewarm(); // ice4j and the relay's HTTP client warm up while the keystore and the mediator are read
        LocalParty party = LocalParty.load(context, options.as);
        status(context, "resolving mediator");
        MediatorMailbox mailbox = openMailbox(context, mediator, party);
        LinkConfig links = LinkConfig.of(stun, Optional.empty())
                .withHosts(options.hosts == Hosts.loopback ? HostPolicy.LOOPBACK_ONLY : HostPolicy.ALL_INTERFACES)
                .withConnectTimeout(Duration.ofSeconds(20));
        return new SessionEndpoint(context, party, mailbox, links, natConfig(context, mailbox));
    }

    /** The mediator's STUN servers and relay; without them (an older mediator) the flags alone decide. */
    private static Optional<NatConfig> natConfig(CliContext context, MediatorMailbox mailbox) {
        try {
            NatConfig nat = mailbox.client().natConfig();
            status(context, "mediator offers " + (nat.stunServers().isEmpty() ? "no STUN"
                    : "STUN " + String.join(", ", nat.stunServers())) + " and relay " + nat.relayUrl());
            return Optional.of(nat);
        } catch (MediatorClientException e) {
            status(context, "the mediator offers no STUN or relay (" + e.getMessage() + "); host candidates and"
                    + " --stun only");
            return Optional.empty();
        }
    }

    private static MediatorMailbox openMailbox(CliContext context, String mediator, LocalParty party)
            throws CliException {
        try {
            return MediatorMailbox.open(mediator, party.didcomm(), party.resolver(),
                    MediatorMailbox.Settings.forProtocol(SessionMessages.PIURI, w -> status(context, w))
                            .withLive(true)); // pushed over the WebSocket: no polling delay per handshake step
        } catch (MediatorUnavailableException e) {
            throw CliException.environment("mediator unreachable: " + e.getMessage(), e);
        } catch (MediatorRefusedException e) {
            throw CliException.environment("mediator " + mediator + " refuses: " + e.getMessage(), e);
        } catch (MediatorClientException e) {
            throw CliException.badInput("--mediator (or PARLEY_MEDIATOR): " + e.getMessage(), e);
        }
    }

    LocalParty party() {
        return party;
    }

    MediatorMailbox mailbox() {
        return mailbox;
    }

    /** The DIDComm conversation the session upgrade runs over. */
    Sessions.Conversation conversation() {
        return Sessions.over(mailbox);
    }

    SessionUpgrade upgrade(Optional<InvitationRegistry> invitations) {
        return new SessionUpgrade(party.did(), party.sessionKey(), dev.parley.did.DidResolver.withInstalledMethods(64),
                PIPE, new PendingHandshakes(4, Duration.ofSeconds(60), Clock.systemUTC()), invitations,
                new SecureRandom());
    }

    /**
     * The initiator's path maker, with a relay allocated at the mediator for {@code peerDid} when it grants one;
     * remembers the transport it forms.
     */
    Sessions.Link offerer(String peerDid) {
        Sessions.Link inner = MediatorPaths.offerer(nat, mailbox.client(), peerDid, links, RELAY_LIFETIME,
                n -> status(context, n));
        return Sessions.remembering(new Sessions.Link() {
            @Override
            public byte[] offer() throws IOException {
                status(context, "gathering candidates");
                return inner.offer();
            }

            @Override
            public DatagramTransport complete(byte[] answer) throws IOException, InterruptedException {
                return inner.complete(answer);
            }

            @Override
            public void close() {
                inner.close();
            }
        }, transport::set);
    }

    /** The responder's path maker; remembers the transport it forms. */
    Sessions.Answerer answerer() {
        Sessions.Answerer inner = MediatorPaths.answerer(nat, links, n -> status(context, n));
        return Sessions.remembering(offer -> {
            status(context, "gathering candidates");
            return inner.answer(offer);
        }, transport::set);
    }

    /** Shows the path, follows its changes, and pipes stdin/stdout through the session until both halves close. */
    void pipe(Session session) throws IOException, InterruptedException {
        try (session) {
            if (transport.get() instanceof DatagramLinkTransport t) {
                DatagramLink link = t.link();
                status(context, "path: " + (link.path().type().isDirect() ? "direct" : "relay") + rtt(link));
                link.onPathChange(p -> status(context, "path: " + (p.type().isDirect() ? "direct" : "relay")
                        + rtt(link)));
            }
            new StreamPipe(session, context.err(), System::nanoTime).run(context.in(), nonClosing(context.stdout()));
        }
    }

    private static String rtt(DatagramLink link) {
        return link.smoothedRtt().map(d -> String.format(Locale.ROOT, ", rtt %.1f ms", d.toNanos() / 1e6))
                .orElse(", rtt not measured yet");
    }

    static void status(CliContext context, String line) {
        context.err().println(line);
        context.err().flush();
    }

    @Override
    public void close() {
        mailbox.close();
    }

    /** The pipe closes what it writes to when the peer is done; standard output itself stays open, only flushed. */
    private static OutputStream nonClosing(OutputStream stdout) {
        return new FilterOutputStream(stdout) {
            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws java.io.IOException {
                out.flush();
            }
        };
    }
}
