package dev.parley.session.didcomm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.did.DidResolver;
import dev.parley.did.keystore.Identity;
import dev.parley.didcomm.TestIdentities;
import dev.parley.didcomm.did.KeystoreIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import dev.parley.session.Channel;
import dev.parley.session.ChannelMode;
import dev.parley.session.DatagramTransport;
import dev.parley.session.MutableClock;
import dev.parley.session.Session;
import dev.parley.session.SessionConfig;
import dev.parley.session.UdpTransport;
import dev.parley.session.handshake.AppFingerprint;
import dev.parley.session.handshake.PendingHandshakes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Sessions#connect} and {@link Sessions#accept} over real authcrypt envelopes and real UDP sockets. */
class SessionsTest {
    private static final DidResolver DIDS = DidResolver.withInstalledMethods(64);
    private final MutableClock clock = MutableClock.start();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** One party's end of a DIDComm conversation: packs authcrypt to the peer's inbox, unpacks from its own. */
    private final class Endpoint implements Sessions.Conversation {
        final Identity identity;
        final LocalIdentity local;
        final SessionUpgrade upgrade;
        final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        Endpoint peer;
        private final DidCommPacker packer = new DidCommPacker(TestIdentities.RESOLVER, TestIdentities.seeded(9),
                JsonLimits.DEFAULT);
        private final DidCommUnpacker unpacker = new DidCommUnpacker(TestIdentities.RESOLVER, clock, JsonLimits.DEFAULT);

        Endpoint(long seed, AppFingerprint fp) throws Exception {
            identity = TestIdentities.identity(TestIdentities.Kind.DID_PEER_2, TestIdentities.seeded(seed), List.of());
            local = KeystoreIdentities.toLocalIdentity(identity, TestIdentities.RESOLVER);
            upgrade = new SessionUpgrade(did(), identity.key("#key-2").key(), DIDS, fp,
                    new PendingHandshakes(8, Duration.ofSeconds(30), clock), Optional.empty(), TestIdentities.seeded(seed));
        }

        String did() {
            return identity.did().toString();
        }

        @Override
        public void send(Message message) throws IOException {
            try {
                peer.inbox.add(packer.packFor(message, peer.did(), PackOptions.authcrypt(), local).json());
            } catch (Exception e) {
                throw new IOException("packing failed: " + e.getMessage(), e);
            }
        }

        @Override
        public Optional<Message> next(String threadId, Duration timeout) throws IOException, InterruptedException {
            String wire = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (wire == null) {
                return Optional.empty();
            }
            try {
                Message m = unpacker.unpack(wire, local.secrets()).message();
                return m.threadId().equals(threadId) ? Optional.of(m) : Optional.empty();
            } catch (Exception e) {
                throw new IOException("unpacking failed: " + e.getMessage(), e);
            }
        }

        Message nextPropose() throws Exception {
            return unpacker.unpack(inbox.poll(30, TimeUnit.SECONDS), local.secrets()).message();
        }
    }

    private static Sessions.Link udpLink() throws IOException {
        UdpTransport udp = UdpTransport.open(0, 1);
        return new Sessions.Link() {
            @Override
            public byte[] offer() throws IOException {
                return udp.candidateBlob();
            }

            @Override
            public DatagramTransport complete(byte[] answer) throws IOException {
                return udp.connectTo(answer);
            }

            @Override
            public void close() {
                udp.close();
            }
        };
    }

    private static Sessions.Answerer udpAnswerer() {
        return offer -> {
            UdpTransport udp = UdpTransport.open(0, 2).connectTo(offer);
            byte[] blob = udp.candidateBlob();
            return new Sessions.Answer() {
                @Override
                public byte[] blob() {
                    return blob;
                }

                @Override
                public DatagramTransport link() {
                    return udp;
                }
            };
        };
    }

    private Endpoint[] pair(AppFingerprint a, AppFingerprint b) throws Exception {
        Endpoint alice = new Endpoint(1, a);
        Endpoint bob = new Endpoint(2, b);
        alice.peer = bob;
        bob.peer = alice;
        return new Endpoint[] {alice, bob};
    }

    @Test
    void connectAndAcceptGiveTwoTalkingSessions() throws Exception {
        AppFingerprint program = AppFingerprint.sha256("vote-tally v3");
        Endpoint[] p = pair(program, program);
        Future<Session> bobSide = threads.submit(() ->
                Sessions.accept(p[1].upgrade, p[1].nextPropose(), p[1], udpAnswerer(), SessionConfig.defaults()));
        try (Session alice = Sessions.connect(p[0].upgrade, p[1].did(), Optional.empty(), p[0], udpLink(),
                SessionConfig.defaults(), Duration.ofSeconds(30));
             Session bob = bobSide.get(30, TimeUnit.SECONDS)) {
            Channel a = alice.openChannel(3, ChannelMode.MESSAGE);
            Channel b = bob.openChannel(3, ChannelMode.MESSAGE);
            a.send("round 1".getBytes());
            assertArrayEquals("round 1".getBytes(), b.receive(Duration.ofSeconds(10)).orElseThrow());
            assertArrayEquals(alice.channelBinding(), bob.channelBinding());
        }
    }

    @Test
    void connectReportsThePeersRefusal() throws Exception {
        Endpoint[] p = pair(AppFingerprint.sha256("a"), AppFingerprint.sha256("b"));
        Future<?> bobSide = threads.submit(() -> {
            Message propose = p[1].nextPropose();
            return assertThrows(dev.parley.session.handshake.FingerprintMismatchException.class,
                    () -> Sessions.accept(p[1].upgrade, propose, p[1], udpAnswerer(), SessionConfig.defaults()));
        });
        SessionRefusedException e = assertThrows(SessionRefusedException.class, () -> Sessions.connect(p[0].upgrade,
                p[1].did(), Optional.empty(), p[0], udpLink(), SessionConfig.defaults(), Duration.ofSeconds(30)));
        assertEquals("e.p.session.fingerprint-mismatch", e.reject().code());
        bobSide.get(30, TimeUnit.SECONDS);
    }

    @Test
    void connectTimesOutWhenNobodyAnswers() throws Exception {
        Endpoint[] p = pair(AppFingerprint.NONE, AppFingerprint.NONE);
        assertThrows(UpgradeTimeoutException.class, () -> Sessions.connect(p[0].upgrade, p[1].did(), Optional.empty(),
                p[0], udpLink(), SessionConfig.defaults(), Duration.ofMillis(200)));
    }
}
