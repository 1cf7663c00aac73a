package dev.parley.mediator.bench;

import dev.parley.mediator.store.QueueQuota;
import dev.parley.mediator.store.QueuedMessage;
import dev.parley.mediator.store.ReplayKey;
import dev.parley.mediator.store.Route;
import dev.parley.mediator.store.sqlite.SqliteMediatorStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's writer alone: forwards' enqueues submitted in groups of B (each group waits for its commit, as
 * that many connections would), timing the commit and the writer thread's CPU per message. Usage:
 * {@code StoreCommitBench [payloadBytes 4000] [batch 32] [messages 20000]}.
 */
public final class StoreCommitBench {

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        Path dir = Files.createTempDirectory("store-bench");
        AtomicLong commitNanos = new AtomicLong();
        AtomicLong commits = new AtomicLong();
        SqliteMediatorStore store = SqliteMediatorStore.open(dir.resolve("bench.db"),
                new QueueQuota(10_000_000, 1L << 40), new SecureRandom(), (ops, took) -> {
                    commits.incrementAndGet();
                    commitNanos.addAndGet(took.toNanos());
                });
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long writerId = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("mediator-store-writer")).findFirst().orElseThrow().threadId();
        byte[] payload = new byte[size];
        new SecureRandom().nextBytes(payload);
        Route route = new Route("did:example:client", "did:example:recipient");
        for (int round = 0; round < 2; round++) { // the first warms up
            long cpu0 = threads.getThreadCpuTime(writerId);
            long c0 = commits.get();
            long n0 = commitNanos.get();
            long t0 = System.nanoTime();
            for (int i = 0; i < messages; i += batch) {
                List<CompletableFuture<QueuedMessage>> fs = new ArrayList<>(batch);
                for (int k = 0; k < batch; k++) {
                    Instant now = Instant.now();
                    fs.add(store.enqueue(route, payload, now, now.plusSeconds(3600),
                            Optional.of(new ReplayKey("anon", round + "-" + i + "-" + k))));
                }
                for (CompletableFuture<QueuedMessage> f : fs) {
                    f.get();
                }
            }
            double wall = (System.nanoTime() - t0) / 1e3 / messages;
            double cpu = (threads.getThreadCpuTime(writerId) - cpu0) / 1e3 / messages;
            long c = commits.get() - c0;
            System.out.printf("payload %d B, batch %d: wall %.1f us per message (%.0f/s), writer CPU %.1f us per "
                    + "message, %d commits of %.2f ms mean%n", size, batch, wall, 1e6 / wall, cpu, c,
                    (commitNanos.get() - n0) / 1e6 / Math.max(1, c));
        }
        store.close();
    }
}
