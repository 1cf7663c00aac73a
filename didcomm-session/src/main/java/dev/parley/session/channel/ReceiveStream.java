package dev.parley.session.channel;

import java.util.Map;
import java.util.TreeMap;

/**
 * The receiving half of one channel: reassembles frames in order, bounded by the flow-control window (data beyond
 * it is dropped and will be resent), and tells the connection when to grant more. Not thread-safe.
 */
final class ReceiveStream {
    private final int window;
    private final TreeMap<Long, byte[]> outOfOrder = new TreeMap<>();
    private byte[] ready = new byte[0];
    private int readyStart;
    private int readySize;
    private long readOffset;
    private long finOffset = -1;
    private long advertised;

    ReceiveStream(int window) {
        this.window = window;
        this.advertised = window;
    }

    /** Takes a STREAM frame; returns false if it violates the granted window or contradicts the fin. */
    boolean onFrame(long offset, byte[] data, int off, int len, boolean fin) {
        long end = offset + len;
        if (end > advertised || (finOffset >= 0 && end > finOffset) || (fin && finOffset >= 0 && end != finOffset)) {
            return false;
        }
        if (fin) {
            finOffset = end;
        }
        long contiguous = readOffset + readySize;
        if (end <= contiguous || len == 0) {
            return true;
        }
        if (offset > contiguous) {
            byte[] copy = new byte[len];
            System.arraycopy(data, off, copy, 0, len);
            byte[] prev = outOfOrder.get(offset);
            if (prev == null || prev.length < len) {
                outOfOrder.put(offset, copy);
            }
            return true;
        }
        int skip = (int) (contiguous - offset);
        append(data, off + skip, len - skip);
        drainOutOfOrder();
        return true;
    }

    /** Copies up to {@code len} in-order bytes; -1 at the end of the stream, 0 when none are ready yet. */
    int read(byte[] b, int off, int len) {
        if (readySize == 0) {
            return finOffset >= 0 && readOffset == finOffset ? -1 : 0;
        }
        int n = Math.min(len, readySize);
        int first = Math.min(n, ready.length - readyStart);
        System.arraycopy(ready, readyStart, b, off, first);
        System.arraycopy(ready, 0, b, off + first, n - first);
        readyStart = (readyStart + n) % ready.length;
        readySize -= n;
        readOffset += n;
        return n;
    }

    int available() {
        return readySize;
    }

    boolean atEnd() {
        return readySize == 0 && finOffset >= 0 && readOffset == finOffset;
    }

    /** A new limit to grant when the application freed half a window, else -1. */
    long windowUpdate() {
        long target = readOffset + window;
        if (target - advertised >= window / 2) {
            advertised = target;
            return target;
        }
        return -1;
    }

    long advertised() {
        return advertised;
    }

    private void drainOutOfOrder() {
        Map.Entry<Long, byte[]> e;
        while ((e = outOfOrder.firstEntry()) != null) {
            long contiguous = readOffset + readySize;
            if (e.getKey() > contiguous) {
                return;
            }
            outOfOrder.pollFirstEntry();
            long end = e.getKey() + e.getValue().length;
            if (end > contiguous) {
                int skip = (int) (contiguous - e.getKey());
                append(e.getValue(), skip, e.getValue().length - skip);
            }
        }
    }

    private void append(byte[] data, int off, int len) {
        if (readySize + len > ready.length) {
            int cap = Math.max(readySize + len, Math.min(window, Math.max(4096, ready.length * 2)));
            byte[] n = new byte[cap];
            int first = Math.min(readySize, ready.length - readyStart);
            if (readySize > 0) {
                System.arraycopy(ready, readyStart, n, 0, first);
                System.arraycopy(ready, 0, n, first, readySize - first);
            }
            ready = n;
            readyStart = 0;
        }
        int end = (readyStart + readySize) % ready.length;
        int first = Math.min(len, ready.length - end);
        System.arraycopy(data, off, ready, end, first);
        System.arraycopy(data, off + first, ready, 0, len - first);
        readySize += len;
    }
}
