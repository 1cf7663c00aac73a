package dev.parley.session.link;

import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.mediator.MediatorClientException;
import dev.parley.didcomm.mediator.NatConfig;
import dev.parley.didcomm.mediator.RelayGrant;
import dev.parley.nat.link.LinkConfig;
import dev.parley.nat.link.RelayEndpoint;
import dev.parley.session.DatagramTransport;
import dev.parley.session.didcomm.Sessions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Path makers that use what a party's mediator offers: its STUN servers for server-reflexive candidates and its
 * relay as the fallback path (docs/protocol/session.md, "Relay allocation").
 *
 * <p>The initiator asks its mediator for an allocation joining it and the peer ({@link MediatorClient#allocateRelay});
 * its own link attaches with its token, and the peer's token rides in the {@link PathOffer} inside the first
 * (encrypted) handshake message. The responder attaches with that token, but only to the relay of its own mediator
 * ({@link NatConfig#relayUrl()}): a peer cannot make it open a WebSocket anywhere else. STUN servers given in the base
 * configuration (e.g. a {@code --stun} flag) win over the mediator's. Each maker serves one upgrade; the transports it
 * returns own their links. Usable by any application that meets its peers through a mediator (sessions, MPC meshes).
 */
public final class MediatorPaths {
    private MediatorPaths() {
    }

    /**
     * The initiator's path maker: allocates a relay for {@code peerDid} at the mediator, then gathers with the
     * mediator's STUN servers.
     *
     * @throws MediatorClientException when the mediator refuses or cannot be reached; callers that can live without a
     *                                 relay fall back to {@link PeerLinkPaths#offerer} or {@link #offerer(NatConfig,
     *                                 LinkConfig)}
     */
    public static Sessions.Link offerer(MediatorClient mediator, String peerDid, LinkConfig base)
            throws MediatorClientException {
        return offerer(mediator.allocateRelay(peerDid), base);
    }

    /**
     * The initiator's path maker as a party uses it: with the mediator's NAT configuration, a relay allocated for
     * {@code peerDid} for {@code relayLifetime}, or STUN only when the mediator will not allocate; without one (an
     * older mediator), host candidates and {@code base}'s STUN servers only. {@code notes} hears which it is.
     */
    public static Sessions.Link offerer(Optional<NatConfig> nat, MediatorClient mediator, String peerDid,
                                        LinkConfig base, Duration relayLifetime, Consumer<String> notes) {
        if (nat.isEmpty()) {
            return PeerLinkPaths.offerer(base);
        }
        try {
            RelayGrant grant = mediator.allocateRelay(peerDid, relayLifetime);
            notes.accept("relay allocated at the mediator (until " + grant.expiresAt() + ")");
            return offerer(grant, base);
        } catch (MediatorClientException e) {
            notes.accept("no relay: " + e.getMessage() + "; a direct path is needed");
            return offerer(nat.get(), base);
        }
    }

    /** The initiator's path maker for an allocation already made. */
    public static Sessions.Link offerer(RelayGrant grant, LinkConfig base) {
        LinkConfig config = initiatorConfig(grant, base);
        return wrap(PeerLinkPaths.offerer(config),
                Optional.of(new RelayEndpoint(grant.nat().relayUrl(), grant.peerToken())));
    }

    /** An initiator's path maker without a relay (the mediator would not allocate): STUN only. */
    public static Sessions.Link offerer(NatConfig nat, LinkConfig base) {
        return wrap(PeerLinkPaths.offerer(withStun(nat, base)), Optional.empty());
    }

    /**
     * The initiator's link configuration for an allocation: the mediator's STUN servers unless {@code base} names
     * some, and the relay with this party's token.
     */
    public static LinkConfig initiatorConfig(RelayGrant grant, LinkConfig base) {
        return withRelay(withStun(grant.nat(), base), Optional.of(new RelayEndpoint(grant.nat().relayUrl(),
                grant.token())));
    }

    /**
     * The responder's path maker with the mediator's NAT configuration when there is one; without, it still reads a
     * path offer (or a bare candidate blob) and leaves any relay aside.
     */
    public static Sessions.Answerer answerer(Optional<NatConfig> mine, LinkConfig base, Consumer<String> notes) {
        if (mine.isPresent()) {
            return answerer(mine.get(), base, notes);
        }
        return offer -> PeerLinkPaths.answerer(base).answer(PathOffer.decode(offer).candidates());
    }

    /** The responder's path maker: asks the mediator for its NAT configuration first. */
    public static Sessions.Answerer answerer(MediatorClient mediator, LinkConfig base, Consumer<String> notes)
            throws MediatorClientException {
        return answerer(mediator.natConfig(), base, notes);
    }

    /**
     * The responder's path maker: takes the peer's relay half when it names {@code mine}'s relay, else goes without
     * a relay (and says why through {@code notes}); gathers with the mediator's STUN servers unless {@code base}
     * names some.
     */
    public static Sessions.Answerer answerer(NatConfig mine, LinkConfig base, Consumer<String> notes) {
        Objects.requireNonNull(notes, "notes");
        LinkConfig stunned = withStun(mine, base);
        return offerBlob -> {
            PathOffer offer = PathOffer.decode(offerBlob);
            Optional<RelayEndpoint> relay = offer.peerRelay();
            if (relay.isPresent() && !relay.get().uri().equals(mine.relayUrl())) {
                notes.accept("ignoring the peer's relay " + relay.get().uri() + ": only this mediator's relay ("
                        + mine.relayUrl() + ") is used");
                relay = Optional.empty();
            }
            return PeerLinkPaths.answerer(withRelay(stunned, relay)).answer(offer.candidates());
        };
    }

    private static Sessions.Link wrap(Sessions.Link inner, Optional<RelayEndpoint> forPeer) {
        return new Sessions.Link() {
            @Override
            public byte[] offer() throws IOException {
                return new PathOffer(inner.offer(), forPeer).encode();
            }

            @Override
            public DatagramTransport complete(byte[] answer) throws IOException, InterruptedException {
                return inner.complete(answer);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    private static LinkConfig withStun(NatConfig nat, LinkConfig base) {
        if (!base.stunServers().isEmpty()) {
            return base;
        }
        List<InetSocketAddress> stun = nat.stunAddresses();
        return new LinkConfig(stun, base.relay(), base.hosts(), base.connectTimeout(), base.keepaliveInterval(),
                base.clock(), base.random(), base.consentTimeout(), base.gatherTimeout());
    }

    private static LinkConfig withRelay(LinkConfig base, Optional<RelayEndpoint> relay) {
        return new LinkConfig(base.stunServers(), relay, base.hosts(), base.connectTimeout(), base.keepaliveInterval(),
                base.clock(), base.random(), base.consentTimeout(), base.gatherTimeout());
    }
}
