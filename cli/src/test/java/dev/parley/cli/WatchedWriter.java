package dev.parley.cli;

import java.io.StringWriter;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A writer a test can wait on: {@link #await} returns as soon as the text written so far matches, without
 * polling or sleeping, and fails after the deadline with what was written.
 */
public final class WatchedWriter extends StringWriter {

    @Override
    public synchronized void write(int c) {
        super.write(c);
        notifyAll();
    }

    @Override
    public synchronized void write(char[] cbuf, int off, int len) {
        super.write(cbuf, off, len);
        notifyAll();
    }

    @Override
    public synchronized void write(String str, int off, int len) {
        super.write(str, off, len);
        notifyAll();
    }

    public synchronized Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(toString());
            if (m.find()) {
                return m;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no match for " + pattern + " within " + timeout + " in: " + this);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
