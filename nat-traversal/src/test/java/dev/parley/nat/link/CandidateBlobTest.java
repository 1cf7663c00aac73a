package dev.parley.nat.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CandidateBlobTest {
    private static final CandidateBlob BLOB = new CandidateBlob("abcd", "0123456789abcdefghijkl", List.of(
            new CandidateBlob.Candidate(PathType.HOST, new InetSocketAddress("192.168.1.10", 40000), 2130706431L, "1"),
            new CandidateBlob.Candidate(PathType.SRFLX, new InetSocketAddress("203.0.113.1", 40000), 1694498815L, "2"),
            new CandidateBlob.Candidate(PathType.HOST, new InetSocketAddress("2001:db8::5", 40001), 2130706430L, "3")));

    @Test
    void roundTripsIpv4AndIpv6Candidates() throws Exception {
        byte[] encoded = BLOB.encode();
        assertEquals(BLOB, CandidateBlob.decode(encoded));
        assertTrue(encoded.length < 120, "three candidates stay small: " + encoded.length);
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] encoded = BLOB.encode();
        for (int n = 0; n < encoded.length; n++) {
            byte[] cut = Arrays.copyOf(encoded, n);
            assertThrows(LinkException.class, () -> CandidateBlob.decode(cut), "length " + n);
        }
    }

    @Test
    void rejectsUnknownVersionWithAnActionableMessage() {
        byte[] encoded = BLOB.encode();
        encoded[2] = 2;
        LinkException e = assertThrows(LinkException.class, () -> CandidateBlob.decode(encoded));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void rejectsOversizedBlob() {
        byte[] big = Arrays.copyOf(BLOB.encode(), CandidateBlob.MAX_BYTES + 1);
        assertThrows(LinkException.class, () -> CandidateBlob.decode(big));
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] longer = Arrays.copyOf(BLOB.encode(), BLOB.encode().length + 1);
        LinkException e = assertThrows(LinkException.class, () -> CandidateBlob.decode(longer));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void rejectsTooManyCandidates() {
        byte[] encoded = BLOB.encode();
        int countOffset = 3 + 1 + 4 + 1 + 22;
        encoded[countOffset] = (byte) (CandidateBlob.MAX_CANDIDATES + 1);
        assertThrows(LinkException.class, () -> CandidateBlob.decode(encoded));
        List<CandidateBlob.Candidate> many = new ArrayList<>();
        for (int i = 0; i < CandidateBlob.MAX_CANDIDATES + 1; i++) {
            many.add(new CandidateBlob.Candidate(PathType.HOST, new InetSocketAddress("10.0.0.1", 1000 + i), 1, "f" + i));
        }
        assertThrows(IllegalArgumentException.class, () -> new CandidateBlob("abcd", "0123456789abcdefghijkl", many));
    }

    @Test
    void rejectsRelayAndUnknownCandidateTypes() {
        byte[] encoded = BLOB.encode();
        int firstType = 3 + 1 + 4 + 1 + 22 + 1;
        for (int type : new int[] {PathType.RELAY.ordinal(), 9, 255}) {
            byte[] bad = encoded.clone();
            bad[firstType] = (byte) type;
            assertThrows(LinkException.class, () -> CandidateBlob.decode(bad), "type " + type);
        }
    }

    @Test
    void flippedBytesAreRejectedOrDecodeToAValidBlobNeverCrash() {
        byte[] encoded = BLOB.encode();
        int rejected = 0;
        for (int i = 0; i < encoded.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = encoded.clone();
                bad[i] ^= (byte) (1 << bit);
                try {
                    CandidateBlob.decode(bad);
                } catch (LinkException expected) {
                    rejected++;
                }
            }
        }
        assertTrue(rejected > encoded.length, "most single-bit flips break a structural rule: " + rejected);
    }

    @Test
    void randomGarbageNeverThrowsUncheckedExceptions() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            if (junk.length > 3) {
                junk[0] = 'P';
                junk[1] = 'L';
                junk[2] = 1;
            }
            try {
                CandidateBlob.decode(junk);
            } catch (LinkException expected) {
                // rejection is fine; anything unchecked fails the test
            }
        }
    }
}
