package dev.parley.session.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    @Test
    void freshRepeatedAndTooOldCountersAreToldApart() {
        ReplayWindow w = new ReplayWindow();
        assertEquals(ReplayWindow.Verdict.FRESH, w.check(0));
        w.accept(0);
        assertEquals(ReplayWindow.Verdict.REPLAYED, w.check(0));
        w.accept(10_000);
        assertEquals(ReplayWindow.Verdict.TOO_OLD, w.check(10_000 - ReplayWindow.SIZE));
        assertEquals(ReplayWindow.Verdict.FRESH, w.check(10_000 - ReplayWindow.SIZE + 1));
        assertEquals(ReplayWindow.Verdict.REPLAYED, w.check(10_000));
    }

    @Test
    void aLargeJumpClearsStaleBitsSoOldCountersInTheNewWindowAreFresh() {
        ReplayWindow w = new ReplayWindow();
        for (long c = 0; c < 5000; c++) {
            w.accept(c);
        }
        long top = 5000 + 3 * ReplayWindow.SIZE + 17;
        w.accept(top);
        for (long c = top - ReplayWindow.SIZE + 1; c < top; c++) {
            assertEquals(ReplayWindow.Verdict.FRESH, w.check(c), "counter " + c);
        }
    }

    @Test
    void everyCounterInsideTheWindowIsAcceptedOnceInAnyOrder() {
        ReplayWindow w = new ReplayWindow();
        w.accept(ReplayWindow.SIZE - 1);
        for (long c = ReplayWindow.SIZE - 2; c >= 0; c -= 3) {
            assertEquals(ReplayWindow.Verdict.FRESH, w.check(c));
            w.accept(c);
            assertEquals(ReplayWindow.Verdict.REPLAYED, w.check(c));
        }
    }
}
