package dev.parley.mpc.group;

import dev.parley.did.DidException;
import dev.parley.didcomm.mediator.MediatorClientException;
import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.didcomm.mediator.NatConfig;
import dev.parley.didcomm.message.Message;
import dev.parley.nat.link.DatagramLink;
import dev.parley.session.DatagramTransport;
import dev.parley.session.Session;
import dev.parley.session.didcomm.InvalidSessionMessageException;
import dev.parley.session.didcomm.SessionMessages;
import dev.parley.session.didcomm.SessionRefusedException;
import dev.parley.session.didcomm.SessionUpgrade;
import dev.parley.session.didcomm.Sessions;
import dev.parley.session.didcomm.UpgradeTimeoutException;
import dev.parley.session.handshake.FingerprintMismatchException;
import dev.parley.session.handshake.HandshakeException;
import dev.parley.session.handshake.PendingHandshakes;
import dev.parley.session.link.DatagramLinkTransport;
import dev.parley.session.link.MediatorPaths;
import dev.parley.session.link.PeerLinkPaths;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Opens a session with every other party of a roster: the lower index proposes (its propose names the group id as
 * {@code pthid}), the higher accepts only proposes from the roster DID of that index; all pairs run in parallel. Every
 * handshake binds {@link Roster#meshFingerprint()}, so two parties holding different rosters cannot connect. The
 * whole mesh is bounded by {@link GroupSettings#meshTimeout()}.
 *
 * <p>Paths come from {@link MediatorPaths} when the mediator offers its STUN servers and relay (the initiator of each
 * pair allocates a relay for the pair, so {@code relay} works where no direct path exists), else from
 * {@link PeerLinkPaths} with the settings' candidates only. Every party of a group shares one mediator, so all pairs
 * use the same kind. One use per party.
 */
public final class GroupMesh {

    /**
     * The open sessions by party index. The caller owns (and closes) the sessions. A path may move from the relay to a
     * direct one (or back) while it is used, so {@link #paths()} tells how each peer is reached at the time it is
     * asked.
     */
    public static final class Result {
        private final Map<Integer, Peer> peers;

        private Result(Map<Integer, Peer> peers) {
            this.peers = Map.copyOf(peers);
        }

        public Map<Integer, Session> sessions() {
            Map<Integer, Session> m = new HashMap<>();
            peers.forEach((i, p) -> m.put(i, p.session()));
            return Map.copyOf(m);
        }

        /** How each peer is reached now, with the time its session took to set up. */
        public Map<Integer, PeerPath> paths() {
            Map<Integer, PeerPath> m = new HashMap<>();
            peers.forEach((i, p) -> m.put(i, p.path()));
            return Map.copyOf(m);
        }
    }

    /** A relay allocation outlives any computation the mesh carries. */
    static final Duration RELAY_LIFETIME = Duration.ofHours(1);

    /** How long the other pairs may still answer once one pair failed. */
    static final Duration FAILURE_GRACE = Duration.ofSeconds(3);

    private final GroupIdentity me;
    private final Roster roster;
    private final int self;
    private final MediatorMailbox mailbox;
    private final GroupSettings settings;
    private final Consumer<String> progress;
    private final Clock clock;
    private final SecureRandom random;

    /** @param progress told one line per established session and the running count */
    public GroupMesh(GroupIdentity me, Roster roster, MediatorMailbox mailbox, GroupSettings settings,
                     Consumer<String> progress, Clock clock, SecureRandom random) {
        this.me = me;
        this.roster = roster;
        this.self = roster.indexOf(me.did());
        if (self == 0) {
            throw new IllegalArgumentException(me.did() + " is not in the roster");
        }
        this.mailbox = mailbox;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Opens all n-1 sessions or none: on any failure the sessions already open are closed.
     *
     * @throws GroupTimeoutException a peer did not propose or answer within the mesh timeout
     * @throws MeshFailedException   a handshake or a path failed (the message names the peer and why)
     */
    public Result open() throws GroupException, InterruptedException {
        int n = roster.size();
        SessionUpgrade upgrade = new SessionUpgrade(me.did(), me.sessionKey(),
                dev.parley.did.DidResolver.withInstalledMethods(4 * n), roster.meshFingerprint(),
                new PendingHandshakes(n, settings.meshTimeout(), clock), Optional.empty(), random);
        long deadline = System.nanoTime() + settings.meshTimeout().toNanos();
        Optional<NatConfig> nat = natConfig();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n - 1, r -> Thread.ofPlatform().daemon()
                .name("parley-mesh-" + self).unstarted(r));
        Map<Integer, Future<Peer>> futures = new HashMap<>();
        for (int j = 1; j <= n; j++) {
            if (j != self) {
                int peer = j;
                futures.put(j, pool.submit(() -> {
                    Peer p;
                    try {
                        p = connect(upgrade, nat, peer, deadline);
                    } catch (GroupException | InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new MeshFailedException(peer, "the session with party " + peer + " failed: "
                                + e.getMessage(), e);
                    }
                    String pair = "session " + Math.min(self, peer) + "-" + Math.max(self, peer);
                    PeerPath now = p.path();
                    progress.accept(String.format(java.util.Locale.ROOT, "%s: path %s%s, handshake %d ms", pair,
                            now.kind().label(), now.rtt().map(d -> String.format(java.util.Locale.ROOT,
                                    ", rtt %.1f ms", d.toNanos() / 1e6)).orElse(""), now.handshake().toMillis()));
                    p.link().ifPresent(l -> l.onPathChange(c -> progress.accept(pair + ": path now "
                            + (c.type().isDirect() ? PeerPath.Kind.DIRECT : PeerPath.Kind.RELAY).label())));
                    progress.accept("sessions " + done.incrementAndGet() + "/" + (n - 1));
                    return p;
                }));
            }
        }
        Map<Integer, Peer> peers = new HashMap<>();
        boolean complete = false;
        try {
            for (Map.Entry<Integer, Future<Peer>> e : futures.entrySet()) {
                long left = deadline - System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                Peer p = e.getValue().get(Math.max(0, left), TimeUnit.NANOSECONDS);
                peers.put(e.getKey(), p);
            }
            complete = true;
            return new Result(peers);
        } catch (ExecutionException e) {
            letOthersAnswer(pool, deadline);
            switch (e.getCause()) {
                case GroupException g -> throw g;
                case InterruptedException i -> throw i;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IllegalStateException("a mesh task failed unexpectedly", e.getCause());
            }
        } catch (TimeoutException e) {
            throw new GroupTimeoutException("the sessions with every party did not open within "
                    + settings.meshTimeout().toSeconds() + " s");
        } finally {
            pool.shutdownNow();
            if (!complete) {
                for (Future<Peer> f : futures.values()) {
                    if (f.state() == Future.State.SUCCESS) {
                        f.resultNow().session().close(Duration.ZERO);
                    }
                }
            }
        }
    }

    /**
     * After one pair failed, the other pairs get a short grace before they are stopped: a peer whose propose is
     * already on its way then hears why (e.g. a reject naming both fingerprints) instead of waiting out its mesh
     * timeout. Sessions they open meanwhile are closed with the rest.
     */
    private static void letOthersAnswer(ExecutorService pool, long deadline) throws InterruptedException {
        pool.shutdown();
        long left = Math.min(deadline - System.nanoTime(), FAILURE_GRACE.toNanos());
        if (left > 0) {
            pool.awaitTermination(left, TimeUnit.NANOSECONDS);
        }
    }

    /** One established pair: its session, its link (absent for a transport that is not a link) and set-up time. */
    private record Peer(Session session, Optional<DatagramLink> link, Duration handshake) {
        PeerPath path() {
            return link.map(l -> new PeerPath(l.path().type().isDirect() ? PeerPath.Kind.DIRECT : PeerPath.Kind.RELAY,
                    l.smoothedRtt(), handshake)).orElse(new PeerPath(PeerPath.Kind.DIRECT, Optional.empty(), handshake));
        }
    }

    /** The mediator's STUN servers and relay, or empty (an older mediator): then host candidates and --stun only. */
    private Optional<NatConfig> natConfig() {
        try {
            return Optional.of(mailbox.client().natConfig());
        } catch (MediatorClientException e) {
            progress.accept("the mediator offers no STUN or relay (" + e.getMessage() + "); direct paths only");
            return Optional.empty();
        }
    }

    private Peer connect(SessionUpgrade upgrade, Optional<NatConfig> nat, int peer, long deadline) throws Exception {
        String did = roster.did(peer);
        long start = System.nanoTime();
        AtomicReference<DatagramTransport> transport = new AtomicReference<>();
        Session session;
        try {
            if (self < peer) {
                session = Sessions.connect(upgrade, did, Optional.of(roster.groupId()), Sessions.over(mailbox),
                        Sessions.remembering(MediatorPaths.offerer(nat, mailbox.client(), did, settings.links(),
                                RELAY_LIFETIME, note -> progress.accept("session with party " + peer + ": " + note)),
                                transport::set), settings.session(),
                        left(deadline));
            } else {
                Message propose = mailbox.next(m -> m.type().equals(SessionMessages.PROPOSE)
                                && roster.groupId().equals(m.pthid()) && m.fromDid().map(did::equals).orElse(false),
                        left(deadline)).orElseThrow(() -> new GroupTimeoutException("party " + peer + " (" + did
                        + ") did not propose its session within " + settings.meshTimeout().toSeconds()
                        + " s; it left or cannot reach the mediator"));
                session = Sessions.accept(upgrade, propose, Sessions.over(mailbox), Sessions.remembering(
                        MediatorPaths.answerer(nat, settings.links(), progress), transport::set), settings.session());
            }
        } catch (UpgradeTimeoutException e) {
            throw new GroupTimeoutException("party " + peer + " (" + did + ") did not answer the session proposal within "
                    + settings.meshTimeout().toSeconds() + " s; it left or cannot reach the mediator", e);
        } catch (SessionRefusedException e) {
            SessionMessages.RejectBody r = e.reject();
            throw new MeshFailedException(peer, "party " + peer + " refused the session (" + r.code() + "): "
                    + r.comment() + (r.code().endsWith("fingerprint-mismatch")
                    ? "; the host showed the two of you different rosters or programs" : ""), e);
        } catch (FingerprintMismatchException e) {
            throw new MeshFailedException(peer, "the session with party " + peer + " failed: " + e.getMessage()
                    + "; the host showed the two of you different rosters or programs", e);
        } catch (HandshakeException | InvalidSessionMessageException | DidException | IOException e) {
            throw new MeshFailedException(peer, "the session with party " + peer + " (" + did + ") failed: "
                    + e.getMessage(), e);
        }
        Duration handshake = Duration.ofNanos(System.nanoTime() - start);
        Optional<DatagramLink> link = transport.get() instanceof DatagramLinkTransport t
                ? Optional.of(t.link()) : Optional.empty();
        return new Peer(session, link, handshake);
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }
}
