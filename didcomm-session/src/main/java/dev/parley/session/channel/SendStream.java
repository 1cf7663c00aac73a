package dev.parley.session.channel;

import java.util.ArrayDeque;

/**
 * The sending half of one channel: bytes the application wrote, kept from the lowest unacknowledged offset until
 * acknowledged; lost ranges queue for retransmission ahead of new data; never past the peer's granted window.
 * Not thread-safe (the connection's lock guards it).
 */
final class SendStream {
    private final int capacity;
    private byte[] buf = new byte[0];
    private int start;
    private int size;
    private long base;
    private long nextNew;
    private long peerMax;
    private final RangeSet acked = new RangeSet();
    private final ArrayDeque<long[]> lost = new ArrayDeque<>();
    private boolean finWritten;
    private boolean finSent;
    private boolean finAcked;

    SendStream(int capacity, long initialPeerWindow) {
        this.capacity = capacity;
        this.peerMax = initialPeerWindow;
    }

    /** Buffers up to the free capacity and returns how many bytes were taken. */
    int write(byte[] b, int off, int len) {
        if (finWritten) {
            throw new IllegalStateException("the channel's output was already finished");
        }
        int n = Math.min(len, capacity - size);
        if (n <= 0) {
            return 0;
        }
        ensure(size + n);
        int end = (start + size) % buf.length;
        int first = Math.min(n, buf.length - end);
        System.arraycopy(b, off, buf, end, first);
        System.arraycopy(b, off + first, buf, 0, n - first);
        size += n;
        return n;
    }

    void finish() {
        finWritten = true;
    }

    int freeCapacity() {
        return capacity - size;
    }

    boolean hasPending() {
        return !lost.isEmpty() || (nextNew < writeEnd() && nextNew < peerMax) || (finWritten && !finSent && nextNew == writeEnd());
    }

    /** Whether everything written (and the fin, if any) is acknowledged. */
    boolean allAcked() {
        return size == 0 && (!finWritten || finAcked);
    }

    /**
     * Picks the next range to send, at most {@code max} bytes: a lost range first, else new data within the peer's
     * window. Returns {offset, length, fin (0 or 1)} or null.
     */
    long[] next(int max) {
        while (!lost.isEmpty()) {
            long[] r = lost.peekFirst();
            long end = r[0] + r[1];
            boolean fin = r[2] == 1 && !finAcked;
            long from = Math.min(end, acked.coveredUntil(Math.max(r[0], base)));
            if (from >= end && !fin) {
                lost.pollFirst();
                continue;
            }
            long until = Math.min(end, Math.min(acked.nextCovered(from), from + max));
            boolean last = until >= end;
            if (last) {
                lost.pollFirst();
            } else {
                r[1] = end - until;
                r[0] = until;
            }
            return new long[] {from, until - from, last && fin ? 1 : 0};
        }
        long end = Math.min(writeEnd(), Math.min(peerMax, nextNew + max));
        boolean fin = finWritten && !finSent && end == writeEnd();
        if (end > nextNew || fin) {
            long from = nextNew;
            nextNew = end;
            if (fin) {
                finSent = true;
            }
            return new long[] {from, end - from, fin ? 1 : 0};
        }
        return null;
    }

    /** Copies stream bytes [offset, offset+len) (all still buffered) into {@code out}. */
    void copy(long offset, int len, byte[] out, int outOff) {
        if (len == 0) {
            return;
        }
        int from = (int) ((start + (offset - base)) % buf.length);
        int first = Math.min(len, buf.length - from);
        System.arraycopy(buf, from, out, outOff, first);
        System.arraycopy(buf, 0, out, outOff + first, len - first);
    }

    void onAcked(long offset, int len, boolean fin) {
        acked.add(offset, offset + len);
        if (fin) {
            finAcked = true;
        }
        long newBase = acked.coveredUntil(base);
        if (newBase > base) {
            int drop = (int) (newBase - base);
            start = (start + drop) % Math.max(1, buf.length);
            size -= drop;
            base = newBase;
            acked.removeBelow(base);
        }
    }

    void onLost(long offset, int len, boolean fin) {
        if (len > 0 || (fin && !finAcked)) {
            lost.addLast(new long[] {offset, len, fin ? 1 : 0});
        }
    }

    void grant(long maxOffset) {
        peerMax = Math.max(peerMax, maxOffset);
    }

    long writeEnd() {
        return base + size;
    }

    private void ensure(int needed) {
        if (needed <= buf.length) {
            return;
        }
        int cap = Math.min(capacity, Math.max(needed, Math.max(4096, buf.length * 2)));
        byte[] n = new byte[cap];
        if (size > 0) {
            copy(base, size, n, 0);
        }
        buf = n;
        start = 0;
    }
}
