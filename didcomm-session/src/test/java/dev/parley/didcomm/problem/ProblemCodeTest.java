package dev.parley.didcomm.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemCodeTest {

    @Test
    void parsesAndPrintsTheSpecExamples() {
        for (String code : List.of("e.p.xfer.cant-use-endpoint", "e.m.invalid-move", "e.get-pay-details.payment-failed",
                "w.p.trust.crypto", "e.p.req.max-errors-exceeded")) {
            assertEquals(code, ProblemCode.parse(code).toString());
        }
        assertEquals(ProblemCode.Sorter.WARNING, ProblemCode.parse("w.m.x").sorter());
    }

    @Test
    void matchesByTokenPrefixOnly() {
        ProblemCode c = ProblemCode.parse("e.p.trust.crypto.decrypt");
        assertTrue(c.hasPrefix("e.p.trust"));
        assertTrue(c.hasPrefix("e.p.trust.crypto.decrypt"));
        assertFalse(c.hasPrefix("e.p.tru"));
    }

    @Test
    void rejectsMalformedCodes() {
        for (String bad : List.of("", "e.p", "x.p.msg", "e.P.msg", "e.p.Msg", "e.p.msg..x", "e.p.msg_x", "e p msg",
                "e.p." + "a".repeat(300))) {
            assertThrows(IllegalArgumentException.class, () -> ProblemCode.parse(bad), bad);
        }
    }
}
