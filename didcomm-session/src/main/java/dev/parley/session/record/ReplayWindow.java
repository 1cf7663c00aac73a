package dev.parley.session.record;

/**
 * An RFC 6479 sliding anti-replay window over 64-bit counters: a ring of 64-bit words, 4096 counters wide. {@link
 * #check} is side-effect free so a receiver can reject before paying for AEAD; {@link #accept} records a counter
 * only after the record authenticated, so forgeries cannot move the window. Not thread-safe.
 */
public final class ReplayWindow {
    /** How far behind the highest accepted counter a record may still arrive. */
    public static final int SIZE = 4096;
    private static final int WORDS = SIZE / 64 + 1;

    private final long[] bitmap = new long[WORDS];
    private long top = -1;

    /** The outcome of a check. */
    public enum Verdict { FRESH, REPLAYED, TOO_OLD }

    public Verdict check(long counter) {
        if (counter > top) {
            return Verdict.FRESH;
        }
        if (top - counter >= SIZE) {
            return Verdict.TOO_OLD;
        }
        return (bitmap[index(counter)] & bit(counter)) != 0 ? Verdict.REPLAYED : Verdict.FRESH;
    }

    /** Marks {@code counter} as seen; call only after {@link #check} said FRESH and the record authenticated. */
    public void accept(long counter) {
        if (counter > top) {
            long fromWord = top < 0 ? 0 : (top >>> 6) + 1;
            long toWord = counter >>> 6;
            long clear = Math.min(toWord - fromWord + 1, WORDS);
            for (long w = 0; w < clear; w++) {
                bitmap[(int) ((fromWord + w) % WORDS)] = 0;
            }
            top = counter;
        }
        bitmap[index(counter)] |= bit(counter);
    }

    /** The highest counter accepted, or -1. */
    public long highest() {
        return top;
    }

    private static int index(long counter) {
        return (int) ((counter >>> 6) % WORDS);
    }

    private static long bit(long counter) {
        return 1L << (counter & 63);
    }
}
