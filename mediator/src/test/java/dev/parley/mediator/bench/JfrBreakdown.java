package dev.parley.mediator.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Sorts the mediator's JFR execution samples into the steps of a forward (HTTP edge, JSON, X25519, key unwrap
 * and content decryption, route lookup, SQLite writer, live delivery, acknowledgements), so the CPU breakdown in
 * docs/benchmarks/mediator.md can be re-made: run the load generator with
 * {@code -Dbench.heap="-Xmx1g -XX:StartFlightRecording=filename=mediator.jfr,settings=profile"}, then
 * {@code java mediator/src/test/java/dev/parley/mediator/bench/JfrBreakdown.java mediator.jfr [FROM TO]} with
 * the ISO instants a phase printed. Shares are of sampled Java frames only: GC, JIT and kernel time are not in
 * them (the load generator's per-process CPU figures are).
 */
public final class JfrBreakdown {

    private JfrBreakdown() {
    }

    public static void main(String[] args) throws Exception {
        Instant from = args.length > 2 ? Instant.parse(args[1]) : Instant.MIN;
        Instant to = args.length > 2 ? Instant.parse(args[2]) : Instant.MAX;
        Map<String, Integer> counts = new TreeMap<>();
        int total = 0;
        try (RecordingFile f = new RecordingFile(Path.of(args[0]))) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                        || e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                    continue;
                }
                List<String> frames = new ArrayList<>();
                for (RecordedFrame x : e.getStackTrace().getFrames()) {
                    frames.add(x.getMethod().getType().getName() + "." + x.getMethod().getName());
                }
                counts.merge(step(frames), 1, Integer::sum);
                total++;
            }
        }
        System.out.println("| step | samples | share |");
        System.out.println("| --- | ---: | ---: |");
        for (Map.Entry<String, Integer> en : counts.entrySet()) {
            System.out.printf("| %s | %d | %.1f%% |%n", en.getKey(), en.getValue(), 100.0 * en.getValue() / total);
        }
        System.out.println("| all | " + total + " | 100% |");
    }

    private static boolean has(List<String> frames, String part) {
        return frames.stream().anyMatch(s -> s.contains(part));
    }

    private static String step(List<String> f) {
        if (has(f, "SqliteMediatorStore.writeLoop")) {
            return "SQLite writer: insert, delete, commit";
        }
        if (has(f, "MediatorEngine.flush") || has(f, "MediatorEngine.sendLive")) {
            return has(f, "Ecdh.") ? "live delivery: X25519 (seal)" : "live delivery: build, JSON, AES, send";
        }
        if (has(f, "MediatorEngine.handle")) {
            String via = has(f, "WebSocketEdge") ? "WebSocket (acks): " : "HTTP (forwards): ";
            if (has(f, "DidCommUnpacker.unpack")) {
                if (has(f, "Ecdh.agree")) {
                    return via + "unpack, X25519";
                }
                if (has(f, "Jwe.decrypt")) {
                    return via + "unpack, KDF + AES key unwrap + content decryption";
                }
                if (has(f, "Jwe.parse")) {
                    return via + "unpack, JWE header checks + base64";
                }
                if (has(f, "readObject") || has(f, "MessageCodec")) {
                    return via + "unpack, JSON parse";
                }
                return via + "unpack, other";
            }
            if (has(f, "SqliteMediatorStore.route")) {
                return via + "route lookup (SQLite read)";
            }
            if (has(f, "payloadOf") || has(f, "writeJson")) {
                return via + "forwarded payload re-serialized";
            }
            return via + "engine, other (dispatch, metrics, enqueue)";
        }
        if (has(f, "HttpEdge")) {
            return "HTTP edge: read body, answer";
        }
        if (has(f, "org.eclipse.jetty")) {
            return "Jetty: HTTP and WebSocket I/O";
        }
        if (has(f, "dev.parley.mediator.bench")) {
            return "load generator coordination";
        }
        return "other (virtual-thread scheduling, JFR)";
    }
}
