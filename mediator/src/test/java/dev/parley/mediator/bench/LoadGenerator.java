package dev.parley.mediator.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.PackOption;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.mediator.KeyUpdate;
import dev.parley.didcomm.mediator.LiveConnection;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.Parties;
import dev.parley.mediator.limit.Limits;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator (run by the {@code bench} profile, never by the test suite): N senders POST forwards of
 * 1 KiB messages to M recipients who pick up live over WebSocket, against an in-process mediator with a
 * real SQLite file. Envelopes are packed before the clock starts so the figures measure the mediator (and
 * the recipients' decryption), not the senders' encryption.
 *
 * <p>Two phases: as fast as N concurrent senders can go (throughput), then paced at a fixed rate
 * (latency from POST to the recipient's sink). With {@code --soak PT10M} it instead runs paced for that
 * long and samples the heap after a GC every 30 s. With {@code --live false} the recipients stay offline
 * and only the mediator's intake (decrypt, route, durable commit, 202) is measured. Usage:
 * {@code LoadGenerator [--senders 32] [--recipients 8] [--seconds 15] [--rate 2500] [--soak PT10M] [--live false]}
 */
public final class LoadGenerator {

    private static final String BASIC = "https://didcomm.org/basicmessage/2.0/message";

    private final int senders;
    private final int recipients;
    private final int seconds;
    private final int pacedRate;
    private final Duration soak;
    private final boolean live;

    private LoadGenerator(int senders, int recipients, int seconds, int pacedRate, Duration soak, boolean live) {
        this.senders = senders;
        this.recipients = recipients;
        this.seconds = seconds;
        this.pacedRate = pacedRate;
        this.soak = soak;
        this.live = live;
    }

    public static void main(String[] args) throws Exception {
        int senders = 32;
        int recipients = 8;
        int seconds = 15;
        int rate = 2500;
        Duration soak = null;
        boolean live = true;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--senders" -> senders = Integer.parseInt(args[i + 1]);
                case "--recipients" -> recipients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--soak" -> soak = Duration.parse(args[i + 1]);
                case "--live" -> live = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new LoadGenerator(senders, recipients, seconds, rate, soak, live).run();
        System.exit(0);
    }

    /** One pre-packed forward and the message id its recipient will see. */
    private record Envelope(String messageId, byte[] bytes) {
    }

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> latenciesNanos = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> ackNanos = new ConcurrentLinkedQueue<>();
    private final AtomicLong delivered = new AtomicLong();

    private void run() throws Exception {
        Path data = Files.createTempDirectory("parley-mediator-bench");
        Limits limits = Limits.DEFAULTS.withRate(1_000_000, 1_000_000).withQueue(1_000_000, 1L << 34)
                .withConnections(10_000, Duration.ofMinutes(30), Duration.ofMinutes(5));
        try (Mediator mediator = Mediator.start(MediatorConfig.local(0, data).withLimits(limits))) {
            SecureRandom random = new SecureRandom();
            String url = mediator.httpUrl().toString();
            LocalIdentity sender = Parties.party(random, url, mediator.did(), false);
            List<LocalIdentity> to = new ArrayList<>();
            List<LiveConnection> lives = new ArrayList<>();
            List<MediatorClient> clients = new ArrayList<>();
            AtomicInteger liveErrors = new AtomicInteger();
            for (int i = 0; i < recipients; i++) {
                LocalIdentity r = Parties.party(random, url, mediator.did(), false);
                MediatorClient c = MediatorClient.create(mediator.httpUrl(), mediator.did(), r, Parties.RESOLVER);
                c.requestMediation();
                c.updateKeylist(List.of(KeyUpdate.add(r.did())));
                clients.add(c);
                to.add(r);
                if (live) {
                    lives.add(c.goLive(mediator.wsUrl(), this::received, e -> liveErrors.incrementAndGet()));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lives.stream().anyMatch(l -> !l.isOpen()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            DidCommPacker packer = new DidCommPacker(Parties.RESOLVER, random, JsonLimits.DEFAULT);
            StringBuilder report = new StringBuilder();
            report.append(String.format("machine: %d cores, JDK %s, heap max %d MiB%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(),
                    Runtime.getRuntime().maxMemory() >> 20));
            if (soak != null) {
                soak(http, packer, sender, to, mediator, report);
            } else {
                // Warm-up (JIT, connection pools), not reported.
                phase("warm-up", http, packer, sender, to, mediator, 3, 0, null);
                phase("throughput", http, packer, sender, to, mediator, seconds, 0, report);
                phase("paced", http, packer, sender, to, mediator, seconds, pacedRate, report);
            }
            report.append(String.format("live connection errors: %d%n", liveErrors.get()));
            System.out.println(report);
            lives.forEach(LiveConnection::close);
            clients.forEach(MediatorClient::close);
        }
    }

    private void received(Unpacked u) {
        Long t = sentAt.remove(u.message().id());
        if (t != null) {
            latenciesNanos.add(System.nanoTime() - t);
        }
        delivered.incrementAndGet();
    }

    private List<Envelope> pack(DidCommPacker packer, LocalIdentity sender, List<LocalIdentity> to, int count)
            throws Exception {
        Envelope[] out = new Envelope[count];
        String content = "x".repeat(1024);
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    LocalIdentity r = to.get(i % to.size());
                    String id = "bench-" + System.nanoTime() + "-" + i;
                    Message m = Message.builder(id, BASIC).from(sender.did()).to(List.of(r.did()))
                            .body(JsonNodeFactory.instance.objectNode().put("content", content)).build();
                    out[i] = new Envelope(id, packer.packFor(m, r.did(), PackOptions.authcrypt(PackOption.FORWARD),
                            sender).json().getBytes(StandardCharsets.UTF_8));
                }
                return null;
            }));
        }
        for (var f : fs) {
            f.get();
        }
        pool.shutdown();
        return Arrays.asList(out); // fixed size, settable: senders null out what they sent
    }

    /**
     * Sends for {@code secs} seconds: at most {@code rate} forwards per second (0: as fast as the senders
     * go). Appends forwards/s, latency percentiles and heap to {@code report} when it is not null.
     */
    private void phase(String name, HttpClient http, DidCommPacker packer, LocalIdentity sender,
            List<LocalIdentity> to, Mediator mediator, int secs, int rate, StringBuilder report) throws Exception {
        int budget = rate > 0 ? rate * secs : 2_000 * secs;
        List<Envelope> envelopes = pack(packer, sender, to, budget); // each is dropped once sent
        latenciesNanos.clear();
        ackNanos.clear();
        sentAt.clear();
        long deliveredBefore = delivered.get();
        AtomicInteger cursor = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(secs);
        CountDownLatch done = new CountDownLatch(senders);
        for (int s = 0; s < senders; s++) {
            Thread.ofVirtual().start(() -> {
                try {
                    for (int i; (i = cursor.getAndIncrement()) < envelopes.size() && System.nanoTime() < end; ) {
                        if (rate > 0) {
                            long due = start + (long) i * 1_000_000_000L / rate;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        Envelope e = envelopes.set(i, null);
                        long t0 = System.nanoTime();
                        sentAt.put(e.messageId(), t0);
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(mediator.httpUrl())
                                .header("Content-Type", "application/didcomm-encrypted+json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(e.bytes())).build(),
                                HttpResponse.BodyHandlers.discarding());
                        ackNanos.add(System.nanoTime() - t0);
                        if (r.statusCode() == 202) {
                            accepted.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                            sentAt.remove(e.messageId());
                        }
                    }
                } catch (Exception ex) {
                    refused.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (live && delivered.get() - deliveredBefore < accepted.get() && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        if (report == null) {
            return;
        }
        long[] lat = latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] ack = ackNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        sentAt.clear();
        java.util.Collections.fill(envelopes, null); // so the heap figure is the mediator's and the clients'
        latenciesNanos.clear();
        ackNanos.clear();
        report.append(String.format("%s%s: senders=%d recipients=%d target=%s accepted=%d refused=%d in %.1f s "
                        + "=> %.0f forwards/s; POST->202 p50 %.1f ms, p99 %.1f ms; delivered live %d; "
                        + "send->live p50 %.1f ms, p99 %.1f ms, max %.1f ms; heap after GC %d MiB%n",
                name, live ? "" : " (recipients offline)", senders, recipients, rate > 0 ? rate + "/s" : "max",
                accepted.get(), refused.get(), elapsed, accepted.get() / elapsed, pct(ack, 50), pct(ack, 99),
                delivered.get() - deliveredBefore, pct(lat, 50), pct(lat, 99),
                lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6, heapAfterGc()));
    }

    private void soak(HttpClient http, DidCommPacker packer, LocalIdentity sender, List<LocalIdentity> to,
            Mediator mediator, StringBuilder report) throws Exception {
        long end = System.nanoTime() + soak.toNanos();
        int round = 0;
        while (System.nanoTime() < end) {
            phase("soak-" + round, http, packer, sender, to, mediator, 30, pacedRate, report);
            round++;
            System.out.println(report.substring(report.lastIndexOf("soak-")));
        }
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }
}
