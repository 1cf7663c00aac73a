package dev.parley.mpc.program;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mpc.ProgramMismatchException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgramFingerprintTest {

    /**
     * Known answer computed outside Java from the documented canonical encoding, with Python 3:
     * <pre>
     * s = lambda x: len(x.encode()).to_bytes(4, 'big') + x.encode()
     * data = s('parley-mpc-program/1') + s('sum') + (1).to_bytes(4, 'big') + (2).to_bytes(4, 'big') \
     *        + s('bits') + s('32') + s('kappa') + s('30')
     * hashlib.sha256(data).hexdigest()
     * </pre>
     */
    @Test
    void matchesTheCanonicalEncodingKnownAnswer() {
        ProgramDescriptor d = ProgramDescriptor.of("sum", 1, Map.of("kappa", "30", "bits", "32"));
        assertEquals(KNOWN_SUM_V1, d.fingerprint().hex());
    }

    static final String KNOWN_SUM_V1 = "813eae8528cf9cc2384f912412e70c3cbd0fc3baafa665aa39c2f8b3a877d31e";

    @Test
    void parameterOrderDoesNotMatterButEveryFieldDoes() {
        ProgramFingerprint base = ProgramDescriptor.of("sum", 1, Map.of("a", "1", "b", "2")).fingerprint();
        assertEquals(base, ProgramDescriptor.of("sum", 1, Map.of("b", "2", "a", "1")).fingerprint());
        assertNotEquals(base, ProgramDescriptor.of("sun", 1, Map.of("a", "1", "b", "2")).fingerprint());
        assertNotEquals(base, ProgramDescriptor.of("sum", 2, Map.of("a", "1", "b", "2")).fingerprint());
        assertNotEquals(base, ProgramDescriptor.of("sum", 1, Map.of("a", "1", "b", "3")).fingerprint());
        assertNotEquals(base, ProgramDescriptor.of("sum", 1, Map.of("a", "12")).fingerprint());
        // length prefixes keep ("ab","c") and ("a","bc") apart
        assertNotEquals(ProgramDescriptor.of("x", 1, Map.of("ab", "c")).fingerprint(),
                ProgramDescriptor.of("x", 1, Map.of("a", "bc")).fingerprint());
    }

    @Test
    void mismatchNamesBothFingerprints() {
        ProgramFingerprint mine = ProgramDescriptor.of("sum", 1, Map.of()).fingerprint();
        ProgramFingerprint theirs = ProgramDescriptor.of("max", 1, Map.of()).fingerprint();
        ProgramMismatchException e = assertThrows(ProgramMismatchException.class,
                () -> mine.requireSame(ProgramFingerprint.fromBytes(theirs.bytes()), "party 2"));
        assertTrue(e.getMessage().contains(mine.hex().substring(0, 16)), e.getMessage());
        assertTrue(e.getMessage().contains(theirs.hex().substring(0, 16)), e.getMessage());
        assertTrue(e.getMessage().contains("party 2") && e.getMessage().contains("sum v1"), e.getMessage());
        assertDoesNotThrow(() -> mine.requireSame(ProgramFingerprint.fromBytes(mine.bytes()), "party 2"));
    }

    @Test
    void rejectsInvalidDescriptors() {
        assertThrows(IllegalArgumentException.class, () -> ProgramDescriptor.of("Sum!", 1, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ProgramDescriptor.of("sum", 0, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ProgramFingerprint.fromBytes(new byte[31]));
    }
}
