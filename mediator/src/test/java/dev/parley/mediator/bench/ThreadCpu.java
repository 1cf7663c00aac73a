package dev.parley.mediator.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU ticks of this JVM's threads grouped by kind (from {@code /proc/self/task/TID/stat}), so a phase can say
 * which threads took the mediator's CPU: the virtual threads' carriers (unpack, engine), the store's writer,
 * Jetty's I/O threads, GC, JIT. Linux only.
 */
final class ThreadCpu {

    private ThreadCpu() {
    }

    /** Ticks per thread id, with the thread's kind. */
    static Map<String, long[]> snapshot() throws IOException {
        Map<String, long[]> byTid = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byTid.put(t.getFileName() + " " + kind(name),
                            new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12])});
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we read it
                }
            }
        }
        return byTid;
    }

    /** Ticks per kind between two snapshots. */
    static Map<String, Long> between(Map<String, long[]> before, Map<String, long[]> after) {
        Map<String, Long> byKind = new TreeMap<>();
        after.forEach((key, ticks) -> {
            long[] b = before.get(key);
            long d = ticks[0] - (b == null ? 0 : b[0]);
            if (d > 0) {
                byKind.merge(key.substring(key.indexOf(' ') + 1), d, Long::sum);
            }
        });
        return byKind;
    }

    private static String kind(String name) {
        if (name.startsWith("ForkJoinPool")) {
            return "virtual-thread carriers";
        }
        if (name.startsWith("mediator-store")) {
            return "store writer";
        }
        if (name.startsWith("qtp")) {
            return "Jetty threads";
        }
        if (name.startsWith("GC") || name.startsWith("G1")) {
            return "GC";
        }
        if (name.startsWith("C1") || name.startsWith("C2")) {
            return "JIT";
        }
        return "other";
    }
}
