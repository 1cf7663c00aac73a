package dev.parley.mediator.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.PackOption;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.Parties;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator's senders, in their own JVM so the mediator's process holds only the mediator. Driven
 * by {@link LoadGenerator} over stdin/stdout, one command per line:
 * <ul>
 *   <li>{@code recipients DID...}: whom to write to (round robin)</li>
 *   <li>{@code pack N}: packs N forwards (1 KiB basicmessage, authcrypted to a recipient, wrapped in a forward
 *       anoncrypted to the mediator, as {@code MediatorClient.send} does) before any clock starts</li>
 *   <li>{@code run SECONDS RATE LOG}: sends them over {@code senders} connections, at most RATE per second (0: as
 *       fast as they go), and writes {@code id sendNanos ackNanos status} per forward to LOG. Over HTTP each
 *       forward is one POST on a keep-alive connection and its status is the answer's; over WebSocket
 *       ({@code ws} as the fourth program argument) each is one frame on a persistent connection, which has no
 *       answer (status 0, ack time = send time): the coordinator counts acceptances in the mediator</li>
 *   <li>{@code quit}</li>
 * </ul>
 * Times are {@link System#nanoTime()}, which on Linux reads CLOCK_MONOTONIC and so compares across processes.
 */
public final class SenderProcess {

    private static final String BASIC = "https://didcomm.org/basicmessage/2.0/message";

    private final URI url;
    private final URI ws;
    private final boolean overWebSocket;
    private final int connections;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong framesIn = new AtomicLong();
    private final List<RawWebSocketSender> sockets = new ArrayList<>();
    private final LocalIdentity sender;
    private final DidCommPacker packer;
    private List<String> recipients = List.of();
    private String[] ids = new String[0];
    private byte[][] envelopes = new byte[0][];

    private SenderProcess(URI url, URI ws, boolean overWebSocket, String mediatorDid, int connections) {
        this.url = url;
        this.ws = ws;
        this.overWebSocket = overWebSocket;
        this.connections = connections;
        this.sender = Parties.party(random, url.toString(), mediatorDid, false);
        this.packer = new DidCommPacker(Parties.RESOLVER, random, JsonLimits.DEFAULT);
    }

    public static void main(String[] args) throws Exception {
        try {
            serve(args);
        } catch (Exception | OutOfMemoryError e) {
            System.out.println("error " + e);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void serve(String[] args) throws Exception {
        SenderProcess p = new SenderProcess(URI.create(args[0]), URI.create(args[3]), args[4].equals("ws"), args[1],
                Integer.parseInt(args[2]));
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        for (String line; (line = commands.readLine()) != null; ) {
            String[] w = line.trim().split(" ");
            switch (w[0]) {
                case "recipients" -> {
                    p.recipients = List.of(w).subList(1, w.length);
                    System.out.println("ok");
                }
                case "pack" -> {
                    long t0 = System.nanoTime();
                    p.pack(Integer.parseInt(w[1]));
                    System.out.println("packed " + w[1] + " " + (System.nanoTime() - t0) / 1_000_000);
                }
                case "run" -> System.out.println(p.run(Integer.parseInt(w[1]), Integer.parseInt(w[2]), Path.of(w[3])));
                case "quit" -> {
                    System.out.println("bye");
                    return;
                }
                default -> System.out.println("error unknown command " + w[0]);
            }
        }
    }

    private void pack(int count) throws Exception {
        ids = new String[count];
        envelopes = new byte[count][];
        String content = "x".repeat(1024);
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        String run = Long.toHexString(System.nanoTime());
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    String to = recipients.get(i % recipients.size());
                    String id = "bench-" + run + "-" + i;
                    Message m = Message.builder(id, BASIC).from(sender.did()).to(List.of(to))
                            .body(JsonNodeFactory.instance.objectNode().put("content", content)).build();
                    ids[i] = id;
                    envelopes[i] = packer.packFor(m, to, PackOptions.authcrypt(PackOption.FORWARD), sender).json()
                            .getBytes(StandardCharsets.UTF_8);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    /**
     * Sends for at most {@code seconds}; answers "ran ACCEPTED REFUSED ELAPSED_NANOS EXHAUSTED FRAMES_IN". Over
     * WebSocket ACCEPTED counts frames written and FRAMES_IN the frames the mediator sent back since the start.
     */
    private String run(int seconds, int rate, Path log) throws Exception {
        if (overWebSocket) {
            while (sockets.size() < connections) {
                sockets.add(new RawWebSocketSender(ws, random, framesIn));
            }
        }
        int count = envelopes.length;
        long[] sent = new long[count];
        long[] acked = new long[count];
        int[] status = new int[count];
        AtomicInteger cursor = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch finished = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            RawWebSocketSender socket = overWebSocket ? sockets.get(c) : null;
            Thread.ofPlatform().name("sender-" + c).start(() -> {
                try (RawHttpPoster poster = new RawHttpPoster(url)) {
                    for (int i; System.nanoTime() < end && (i = cursor.getAndIncrement()) < count; ) {
                        if (rate > 0) {
                            long wait = start + (long) i * 1_000_000_000L / rate - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        byte[] body = envelopes[i];
                        envelopes[i] = null;
                        sent[i] = System.nanoTime();
                        try {
                            if (socket == null) {
                                status[i] = poster.post(body);
                                acked[i] = System.nanoTime();
                            } else {
                                socket.send(body);
                                acked[i] = sent[i];
                            }
                        } catch (IOException e) {
                            status[i] = -1;
                            acked[i] = System.nanoTime();
                        }
                        if (status[i] == 202 || status[i] == 0) {
                            accepted.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        finished.await();
        long elapsed = System.nanoTime() - start;
        boolean exhausted = cursor.get() >= count;
        try (BufferedWriter w = Files.newBufferedWriter(log)) {
            for (int i = 0; i < count; i++) {
                if (sent[i] != 0) {
                    w.write(ids[i] + " " + sent[i] + " " + acked[i] + " " + status[i] + "\n");
                }
            }
        }
        Arrays.fill(envelopes, null);
        return "ran " + accepted.get() + " " + refused.get() + " " + elapsed + " " + (exhausted ? 1 : 0) + " "
                + framesIn.get();
    }
}
