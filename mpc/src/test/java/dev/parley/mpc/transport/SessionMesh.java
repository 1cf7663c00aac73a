package dev.parley.mpc.transport;

import dev.parley.did.DidResolver;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.key.DidKeyMethod;
import dev.parley.didcomm.message.Message;
import dev.parley.mpc.LocalParties;
import dev.parley.nat.link.HostPolicy;
import dev.parley.nat.link.LinkConfig;
import dev.parley.session.Session;
import dev.parley.session.SessionConfig;
import dev.parley.session.didcomm.SessionUpgrade;
import dev.parley.session.didcomm.Sessions;
import dev.parley.session.handshake.AppFingerprint;
import dev.parley.session.handshake.PendingHandshakes;
import dev.parley.session.link.PeerLinkPaths;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A full mesh of real sessions between n parties in one JVM: did:key identities, the session upgrade
 * ({@link Sessions#connect}/{@link Sessions#accept}, Noise handshake) over an in-process DIDComm conversation per pair,
 * and UDP paths on loopback formed by nat-traversal's links ({@link PeerLinkPaths}). Only the DIDComm envelope
 * (authcrypt through a mediator) is left out: the messages are handed over as objects.
 */
public final class SessionMesh {
    private static final DidResolver DIDS = DidResolver.withInstalledMethods(64);

    private SessionMesh() {
    }

    /** One party of the mesh: its DID and its session upgrade. */
    private record Party(String did, SessionUpgrade upgrade) {
    }

    /** Both ends of one pair's DIDComm conversation: queues of message objects, one per direction. */
    private static final class Pipe implements Sessions.Conversation {
        final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        Pipe peer;

        @Override
        public void send(Message message) {
            peer.inbox.add(message);
        }

        @Override
        public Optional<Message> next(String threadId, Duration timeout) throws InterruptedException {
            Message m = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return m != null && m.threadId().equals(threadId) ? Optional.of(m) : Optional.empty();
        }
    }

    /** Sessions of party i (index i-1) to every other party j (map key j), with {@link SessionConfig#defaults()}. */
    public static List<Map<Integer, Session>> open(int n, long seed) throws Exception {
        return open(n, seed, SessionConfig.defaults());
    }

    public static List<Map<Integer, Session>> open(int n, long seed, SessionConfig config) throws Exception {
        List<Party> parties = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            SecureRandom random = LocalParties.seeded(seed * 100 + i);
            PrivateKey key = PrivateKey.generate(KeyType.ED25519, random);
            String did = DidKeyMethod.create(key.publicKey()).toString();
            parties.add(new Party(did, new SessionUpgrade(did, key.deriveX25519(), DIDS, AppFingerprint.NONE,
                    new PendingHandshakes(16, Duration.ofSeconds(30), Clock.systemUTC()), Optional.empty(), random)));
        }
        LinkConfig links = LinkConfig.of(List.of(), Optional.empty()).withHosts(HostPolicy.LOOPBACK_ONLY)
                .withConnectTimeout(Duration.ofSeconds(20));
        List<Map<Integer, Session>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new HashMap<>());
        }
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            for (int i = 1; i <= n; i++) {
                for (int j = i + 1; j <= n; j++) {
                    Party a = parties.get(i - 1);
                    Party b = parties.get(j - 1);
                    Pipe toB = new Pipe();
                    Pipe toA = new Pipe();
                    toB.peer = toA;
                    toA.peer = toB;
                    Future<Session> accepted = pool.submit(() -> {
                        Message propose = toA.inbox.poll(30, TimeUnit.SECONDS);
                        return Sessions.accept(b.upgrade(), propose, toA, PeerLinkPaths.answerer(links), config);
                    });
                    Future<Session> connected = pool.submit(() -> Sessions.connect(a.upgrade(), b.did(),
                            Optional.empty(), toB, PeerLinkPaths.offerer(links), config, Duration.ofSeconds(30)));
                    int ii = i;
                    int jj = j;
                    out.get(ii - 1).put(jj, connected.get(60, TimeUnit.SECONDS));
                    out.get(jj - 1).put(ii, accepted.get(60, TimeUnit.SECONDS));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One {@link SessionTransport} per party over a fresh mesh. */
    public static List<Transport> transports(int n, long seed, Duration sendTimeout) throws Exception {
        List<Map<Integer, Session>> mesh = open(n, seed);
        List<Transport> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(SessionTransport.over(i, n, mesh.get(i - 1), sendTimeout));
        }
        return out;
    }
}
