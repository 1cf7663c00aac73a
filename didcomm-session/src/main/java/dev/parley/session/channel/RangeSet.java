package dev.parley.session.channel;

import java.util.Map;
import java.util.TreeMap;

/** Disjoint, merged half-open ranges [start, end) of longs. Not thread-safe. */
final class RangeSet {
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    void add(long start, long end) {
        if (end <= start) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
        while (next != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(start);
        }
        ranges.put(start, end);
    }

    boolean contains(long value) {
        Map.Entry<Long, Long> e = ranges.floorEntry(value);
        return e != null && e.getValue() > value;
    }

    /** The end of the range that contains {@code value}, or {@code value} itself when none does. */
    long coveredUntil(long value) {
        Map.Entry<Long, Long> e = ranges.floorEntry(value);
        return e != null && e.getValue() > value ? e.getValue() : value;
    }

    /** The first covered value at or after {@code value}, or Long.MAX_VALUE. */
    long nextCovered(long value) {
        if (contains(value)) {
            return value;
        }
        Long k = ranges.higherKey(value);
        return k == null ? Long.MAX_VALUE : k;
    }

    void removeBelow(long value) {
        while (!ranges.isEmpty() && ranges.firstEntry().getValue() <= value) {
            ranges.pollFirstEntry();
        }
        Map.Entry<Long, Long> first = ranges.firstEntry();
        if (first != null && first.getKey() < value) {
            ranges.pollFirstEntry();
            ranges.put(value, first.getValue());
        }
    }

    /** Ranges from the highest down. */
    Iterable<Map.Entry<Long, Long>> descending() {
        return ranges.descendingMap().entrySet();
    }

    void removeLowest() {
        ranges.pollFirstEntry();
    }

    int size() {
        return ranges.size();
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    long highest() {
        return ranges.isEmpty() ? -1 : ranges.lastEntry().getValue() - 1;
    }
}
