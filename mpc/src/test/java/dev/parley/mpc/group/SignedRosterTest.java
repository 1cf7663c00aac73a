package dev.parley.mpc.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.did.DidResolver;
import dev.parley.mpc.program.ProgramDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The host's signature over the roster: what verifies, and every way a roster can be forged or altered. */
class SignedRosterTest {
    private static final DidResolver RESOLVER = DidResolver.withInstalledMethods(16);
    private static final ProgramDescriptor SUM = ProgramDescriptor.of("sum", 1, Map.of("bits", "32"));
    private static GroupIdentity host;
    private static GroupIdentity other;
    private static Roster roster;

    @BeforeAll
    static void parties() throws Exception {
        host = identity(true);
        other = identity(false);
        roster = new Roster("0123456789abcdef0123456789abcdef", host.did(), SUM, 1,
                List.of(host.did(), other.did(), identity(false).did()));
    }

    private static GroupIdentity identity(boolean peer) throws Exception {
        var resolver = dev.parley.didcomm.did.DidCoreResolver.withInstalledMethods();
        var random = new java.security.SecureRandom();
        return peer ? GroupIdentity.of(dev.parley.did.keystore.Identities.newDidPeer2("h", List.of(), random,
                GroupFixture.CLOCK), resolver)
                : GroupIdentity.ephemeral(resolver, random, GroupFixture.CLOCK);
    }

    @Test
    void hostSignedRosterVerifiesAfterAJsonRoundTrip() throws Exception {
        SignedRoster signed = SignedRoster.sign(roster, host, RESOLVER);
        SignedRoster read = SignedRoster.fromJson(signed.toJson());
        read.verify(RESOLVER);
        assertEquals(roster, read.roster());
    }

    @Test
    void rejectsARosterSignedByAnotherParty() throws Exception {
        Roster theirs = new Roster(roster.groupId(), other.did(), SUM, 1,
                List.of(other.did(), host.did(), roster.did(3)));
        SignedRoster byOther = SignedRoster.sign(theirs, other, RESOLVER);
        // the other party's signature presented as the host's: kid and signature from the other party
        SignedRoster forged = new SignedRoster(roster, byOther.kid(), byOther.signature());
        assertThrows(InvalidRosterException.class, () -> forged.verify(RESOLVER));
        SignedRoster wrongKey = new SignedRoster(roster, SignedRoster.sign(roster, host, RESOLVER).kid(),
                byOther.signature());
        assertThrows(InvalidRosterException.class, () -> wrongKey.verify(RESOLVER));
    }

    @Test
    void rejectsAnUnsignedRoster() throws Exception {
        ObjectNode body = SignedRoster.sign(roster, host, RESOLVER).toJson();
        body.remove("signature");
        assertThrows(InvalidRosterException.class, () -> SignedRoster.fromJson(body));
        ObjectNode empty = SignedRoster.sign(roster, host, RESOLVER).toJson();
        ((ObjectNode) empty.get("signature")).put("sig", "");
        assertThrows(InvalidRosterException.class, () -> SignedRoster.fromJson(empty).verify(RESOLVER));
    }

    @Test
    void rejectsEveryFlippedSignatureByte() throws Exception {
        SignedRoster signed = SignedRoster.sign(roster, host, RESOLVER);
        byte[] sig = signed.signature();
        int rejected = 0;
        for (int i = 0; i < sig.length; i++) {
            byte[] flipped = sig.clone();
            flipped[i] ^= 0x01;
            SignedRoster t = new SignedRoster(roster, signed.kid(), flipped);
            assertThrows(InvalidRosterException.class, () -> t.verify(RESOLVER), "byte " + i);
            rejected++;
        }
        assertEquals(64, rejected);
    }

    @Test
    void rejectsEveryAlteredField() throws Exception {
        SignedRoster signed = SignedRoster.sign(roster, host, RESOLVER);
        List<Roster> altered = new ArrayList<>();
        altered.add(new Roster("fedcba9876543210fedcba9876543210", host.did(), SUM, 1, roster.parties()));
        altered.add(new Roster(roster.groupId(), host.did(), ProgramDescriptor.of("sum", 2, Map.of("bits", "32")), 1,
                roster.parties()));
        altered.add(new Roster(roster.groupId(), host.did(), SUM, 0, roster.parties()));
        altered.add(new Roster(roster.groupId(), host.did(), SUM, 1,
                List.of(host.did(), roster.did(3), roster.did(2))));
        altered.add(new Roster(roster.groupId(), host.did(), SUM, 0, List.of(host.did(), roster.did(2))));
        for (Roster r : altered) {
            assertNotEquals(roster.meshFingerprint(), r.meshFingerprint());
            SignedRoster t = new SignedRoster(r, signed.kid(), signed.signature());
            assertThrows(InvalidRosterException.class, () -> t.verify(RESOLVER), r.toString());
        }
        assertEquals(5, altered.size());
    }

    @Test
    void rejectsAMalformedSignatureEncoding() throws Exception {
        ObjectNode body = SignedRoster.sign(roster, host, RESOLVER).toJson();
        ((ObjectNode) body.get("signature")).put("sig", "not*base64");
        assertThrows(InvalidRosterException.class, () -> SignedRoster.fromJson(body));
        ObjectNode tooMany = SignedRoster.sign(roster, host, RESOLVER).toJson();
        var parties = ((ObjectNode) tooMany.get("roster")).putArray("parties");
        for (int i = 0; i < 17; i++) {
            parties.add("did:key:z" + i);
        }
        assertThrows(InvalidRosterException.class, () -> SignedRoster.fromJson(tooMany));
    }
}
