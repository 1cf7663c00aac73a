package dev.parley.session.didcomm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.parley.session.MutableClock;
import dev.parley.session.Session;
import dev.parley.session.SessionConfig;
import dev.parley.session.UdpTransport;
import dev.parley.session.handshake.AppFingerprint;
import dev.parley.session.handshake.FingerprintMismatchException;
import dev.parley.session.handshake.GlareException;
import dev.parley.session.handshake.InvitationException;
import dev.parley.session.handshake.InvitationRegistry;
import dev.parley.session.handshake.PendingHandshakes;
import dev.parley.session.handshake.Roles;
import dev.parley.session.handshake.SessionInvitation;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The handshake carried in real authcrypt DIDComm messages between two did:peer:2 identities, then a live session. */
class SessionUpgradeOverDidCommTest {
    private static final DidResolver DIDS = DidResolver.withInstalledMethods(64);
    private static final AppFingerprint PROGRAM = AppFingerprint.sha256("average-salary v1");
    private static final UnaryOperator<byte[]> ANSWER = offer -> ("answer-to-" + new String(offer, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = MutableClock.start();
    private final SecureRandom random = TestIdentities.seeded(5);
    private final DidCommPacker packer = new DidCommPacker(TestIdentities.RESOLVER, random, JsonLimits.DEFAULT);
    private final DidCommUnpacker unpacker = new DidCommUnpacker(TestIdentities.RESOLVER, clock, JsonLimits.DEFAULT);

    private record Party(Identity identity, LocalIdentity didcomm, SessionUpgrade upgrade, InvitationRegistry invitations) {
        String did() {
            return identity.did().toString();
        }
    }

    private Party party(long seed, AppFingerprint fp) throws Exception {
        Identity id = TestIdentities.identity(TestIdentities.Kind.DID_PEER_2, TestIdentities.seeded(seed), List.of());
        InvitationRegistry inv = new InvitationRegistry(id.did().toString(), 16, clock, random);
        SessionUpgrade up = new SessionUpgrade(id.did().toString(), id.key("#key-2").key(), DIDS, fp,
                new PendingHandshakes(8, Duration.ofSeconds(30), clock), Optional.of(inv), random);
        return new Party(id, KeystoreIdentities.toLocalIdentity(id, TestIdentities.RESOLVER), up, inv);
    }

    /** Packs as authcrypt from {@code from} and unpacks at {@code to}, as the mediator would carry it. */
    private Message carry(Message m, Party from, Party to) throws Exception {
        String wire = packer.packFor(m, to.did(), PackOptions.authcrypt(), from.didcomm()).json();
        assertTrue(!wire.contains("handshake"), "the mediator sees no handshake field: the body is encrypted");
        return unpacker.unpack(wire, to.didcomm().secrets()).message();
    }

    @Test
    void upgradeThroughAuthcryptThenTalkOverUdp() throws Exception {
        Party alice = party(1, PROGRAM);
        Party bob = party(2, PROGRAM);
        Message propose = alice.upgrade().propose(bob.did(), Optional.empty(), "alice-offer".getBytes());
        SessionUpgrade.Upgraded atBob = assertInstanceOf(SessionUpgrade.Upgraded.class,
                bob.upgrade().handle(carry(propose, alice, bob), ANSWER));
        SessionUpgrade.Upgraded atAlice = assertInstanceOf(SessionUpgrade.Upgraded.class,
                alice.upgrade().handle(carry(atBob.reply().orElseThrow(), bob, alice), ANSWER));
        assertEquals(bob.did(), atAlice.peerDid());
        assertEquals(alice.did(), atBob.peerDid());
        assertArrayEquals("alice-offer".getBytes(), atBob.established().peerCandidates());
        assertArrayEquals("answer-to-alice-offer".getBytes(), atAlice.established().peerCandidates());

        UdpTransport[] udp = UdpTransport.pair(0, 9);
        try (Session a = Session.start(atAlice.established(), udp[0], SessionConfig.defaults());
             Session b = Session.start(atBob.established(), udp[1], SessionConfig.defaults())) {
            Channel ca = a.openChannel(1, ChannelMode.MESSAGE);
            Channel cb = b.openChannel(1, ChannelMode.MESSAGE);
            ca.send("share from alice".getBytes());
            assertArrayEquals("share from alice".getBytes(), cb.receive(Duration.ofSeconds(10)).orElseThrow());
            cb.send("share from bob".getBytes());
            assertArrayEquals("share from bob".getBytes(), ca.receive(Duration.ofSeconds(10)).orElseThrow());
            assertArrayEquals(a.channelBinding(), b.channelBinding());
        }
    }

    @Test
    void programMismatchIsRejectedNamingBothFingerprints() throws Exception {
        AppFingerprint other = AppFingerprint.sha256("average-salary v2");
        Party alice = party(1, PROGRAM);
        Party bob = party(2, other);
        Message propose = alice.upgrade().propose(bob.did(), Optional.empty(), new byte[0]);
        SessionUpgrade.Refused refused = assertInstanceOf(SessionUpgrade.Refused.class,
                bob.upgrade().handle(carry(propose, alice, bob), ANSWER));
        assertInstanceOf(FingerprintMismatchException.class, refused.cause());
        SessionUpgrade.PeerRejected rejected = assertInstanceOf(SessionUpgrade.PeerRejected.class,
                alice.upgrade().handle(carry(refused.reply(), bob, alice), ANSWER));
        assertEquals("e.p.session.fingerprint-mismatch", rejected.reject().code());
        assertEquals(other, rejected.reject().local().orElseThrow());
        assertEquals(PROGRAM, rejected.reject().remote().orElseThrow());
        assertTrue(rejected.reject().comment().contains(PROGRAM.hex()) && rejected.reject().comment().contains(other.hex()));
    }

    @Test
    void simultaneousProposalsResolveToTheLowerDidsHandshake() throws Exception {
        Party x = party(1, PROGRAM);
        Party y = party(2, PROGRAM);
        Party lower = Roles.isInitiator(x.did(), y.did()) ? x : y;
        Party higher = lower == x ? y : x;
        Message fromLower = lower.upgrade().propose(higher.did(), Optional.empty(), "l".getBytes());
        Message fromHigher = higher.upgrade().propose(lower.did(), Optional.empty(), "h".getBytes());
        SessionUpgrade.Refused atLower = assertInstanceOf(SessionUpgrade.Refused.class,
                lower.upgrade().handle(carry(fromHigher, higher, lower), ANSWER));
        assertInstanceOf(GlareException.class, atLower.cause());
        SessionUpgrade.Upgraded atHigher = assertInstanceOf(SessionUpgrade.Upgraded.class,
                higher.upgrade().handle(carry(fromLower, lower, higher), ANSWER));
        assertInstanceOf(SessionUpgrade.Ignored.class,
                higher.upgrade().handle(carry(atLower.reply(), lower, higher), ANSWER), "its own propose was dropped");
        SessionUpgrade.Upgraded done = assertInstanceOf(SessionUpgrade.Upgraded.class,
                lower.upgrade().handle(carry(atHigher.reply().orElseThrow(), higher, lower), ANSWER));
        assertArrayEquals(done.established().keys().handshakeHash(), atHigher.established().keys().handshakeHash());
    }

    @Test
    void oneTimeAndExpiredInvitationsAreRefused() throws Exception {
        Party alice = party(1, PROGRAM);
        Party bob = party(2, PROGRAM);
        SessionInvitation once = bob.invitations().issue(Duration.ofMinutes(5), true, PROGRAM);
        Message first = alice.upgrade().propose(bob.did(), Optional.of(once.id()), new byte[0]);
        assertInstanceOf(SessionUpgrade.Upgraded.class, bob.upgrade().handle(carry(first, alice, bob), ANSWER));
        Message second = alice.upgrade().propose(bob.did(), Optional.of(once.id()), new byte[0]);
        SessionUpgrade.Refused used = assertInstanceOf(SessionUpgrade.Refused.class,
                bob.upgrade().handle(carry(second, alice, bob), ANSWER));
        assertEquals(InvitationException.Reason.USED, ((InvitationException) used.cause()).reason());

        SessionInvitation brief = bob.invitations().issue(Duration.ofMinutes(1), false, PROGRAM);
        clock.advance(Duration.ofMinutes(2));
        Message late = alice.upgrade().propose(bob.did(), Optional.of(brief.id()), new byte[0]);
        SessionUpgrade.Refused expired = assertInstanceOf(SessionUpgrade.Refused.class,
                bob.upgrade().handle(carry(late, alice, bob), ANSWER));
        assertEquals("session.invitation-expired", expired.cause().problemCode());
        SessionUpgrade.PeerRejected told = assertInstanceOf(SessionUpgrade.PeerRejected.class,
                alice.upgrade().handle(carry(expired.reply(), bob, alice), ANSWER));
        assertEquals("e.p.session.invitation-expired", told.reject().code());
    }

    @Test
    void duplicateAcceptIsIgnored() throws Exception {
        Party alice = party(1, PROGRAM);
        Party bob = party(2, PROGRAM);
        Message propose = alice.upgrade().propose(bob.did(), Optional.empty(), new byte[0]);
        Message accept = ((SessionUpgrade.Upgraded) bob.upgrade().handle(carry(propose, alice, bob), ANSWER))
                .reply().orElseThrow();
        Message delivered = carry(accept, bob, alice);
        assertInstanceOf(SessionUpgrade.Upgraded.class, alice.upgrade().handle(delivered, ANSWER));
        assertInstanceOf(SessionUpgrade.Ignored.class, alice.upgrade().handle(delivered, ANSWER));
    }
}
