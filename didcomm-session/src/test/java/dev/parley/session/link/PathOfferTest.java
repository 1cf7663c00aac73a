package dev.parley.session.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.nat.link.CandidateBlob;
import dev.parley.nat.link.PathType;
import dev.parley.nat.link.RelayEndpoint;
import dev.parley.nat.relay.RelaySecret;
import dev.parley.nat.relay.RelayTokenIssuer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The initiator's path offer: candidates plus the peer's relay half, strict to decode. */
class PathOfferTest {
    private static final byte[] CANDIDATES = new CandidateBlob("ufrag1", "p".repeat(22),
            List.of(new CandidateBlob.Candidate(PathType.HOST, new InetSocketAddress("192.0.2.1", 4000), 126,
                    "f1"))).encode();

    private static RelayEndpoint relay() {
        var alloc = new RelayTokenIssuer(RelaySecret.generate(new SecureRandom()), Clock.systemUTC(),
                new SecureRandom()).allocate("did-sha256-aa", "did-sha256-bb", Duration.ofMinutes(5));
        return new RelayEndpoint(URI.create("ws://203.0.113.10:8080/relay"), alloc.second());
    }

    @Test
    void roundTripsWithAndWithoutARelay() throws Exception {
        RelayEndpoint r = relay();
        PathOffer back = PathOffer.decode(new PathOffer(CANDIDATES, Optional.of(r)).encode());
        assertArrayEquals(CANDIDATES, back.candidates());
        assertEquals(r.uri(), back.peerRelay().orElseThrow().uri());
        assertEquals(r.token(), back.peerRelay().orElseThrow().token());
        assertTrue(PathOffer.decode(new PathOffer(CANDIDATES, Optional.empty()).encode()).peerRelay().isEmpty());
        assertTrue(new PathOffer(CANDIDATES, Optional.of(r)).encode().length <= PathOffer.MAX_BYTES);
    }

    @Test
    void aBareCandidateBlobIsAnOfferWithoutRelay() throws Exception {
        PathOffer o = PathOffer.decode(CANDIDATES);
        assertArrayEquals(CANDIDATES, o.candidates());
        assertTrue(o.peerRelay().isEmpty());
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] full = new PathOffer(CANDIDATES, Optional.of(relay())).encode();
        int rejected = 0;
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            assertThrows(PathSetupException.class, () -> PathOffer.decode(cut), "prefix of " + n + " bytes");
            rejected++;
        }
        assertEquals(full.length, rejected);
    }

    @Test
    void rejectsTrailingBytesUnknownVersionsAndFlags() {
        byte[] full = new PathOffer(CANDIDATES, Optional.empty()).encode();
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        assertThrows(PathSetupException.class, () -> PathOffer.decode(longer));
        byte[] v2 = full.clone();
        v2[2] = 2;
        assertTrue(assertThrows(PathSetupException.class, () -> PathOffer.decode(v2)).getMessage().contains("version"));
        byte[] flags = full.clone();
        flags[3] = 2;
        assertThrows(PathSetupException.class, () -> PathOffer.decode(flags));
        assertThrows(PathSetupException.class, () -> PathOffer.decode(new byte[PathOffer.MAX_BYTES + 1]));
        assertThrows(PathSetupException.class, () -> PathOffer.decode("XX".getBytes()));
    }

    @Test
    void aWrongRelayTokenOrUrlIsRejected() {
        RelayEndpoint r = relay();
        byte[] full = new PathOffer(CANDIDATES, Optional.of(r)).encode();
        byte[] badScheme = full.clone();
        int urlAt = 4 + 2 + CANDIDATES.length + 2;
        badScheme[urlAt] = 'h'; // "ws://" becomes "hs://"
        assertThrows(PathSetupException.class, () -> PathOffer.decode(badScheme));
        byte[] badToken = full.clone();
        badToken[full.length - r.token().encode().length] = 9; // the token's version byte
        assertThrows(PathSetupException.class, () -> PathOffer.decode(badToken));
    }

    @Test
    void toStringRedactsTheToken() {
        RelayEndpoint r = relay();
        String s = new PathOffer(CANDIDATES, Optional.of(r)).toString();
        assertFalse(s.contains(r.token().toBase64()));
        assertTrue(s.contains("redacted"));
    }
}
