package dev.parley.mediator.bench;

import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.mediator.KeyUpdate;
import dev.parley.didcomm.mediator.LiveConnection;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.mediator.Parties;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator's recipients, in their own JVM: M parties with mediation and a registered DID, each
 * picking up live over WebSocket with Parley's {@link MediatorClient} (pickup 4.0, every delivery
 * acknowledged with messages-received). Driven by {@link LoadGenerator} over stdin/stdout: {@code live on},
 * {@code live off}, {@code count} (messages received since the last dump), {@code dump LOG} (writes
 * {@code id receivedNanos} per message and starts counting afresh), {@code quit}.
 */
public final class RecipientProcess {

    private record Receipt(String id, long nanos) {
    }

    private final ConcurrentLinkedQueue<Receipt> receipts = new ConcurrentLinkedQueue<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicInteger liveErrors = new AtomicInteger();
    private final List<MediatorClient> clients = new ArrayList<>();
    private final List<LiveConnection> lives = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        URI http = URI.create(args[0]);
        URI ws = URI.create(args[1]);
        String mediatorDid = args[2];
        int count = Integer.parseInt(args[3]);
        RecipientProcess p = new RecipientProcess();
        SecureRandom random = new SecureRandom();
        StringBuilder dids = new StringBuilder("recipients");
        for (int i = 0; i < count; i++) {
            LocalIdentity r = Parties.party(random, http.toString(), mediatorDid, false);
            MediatorClient c = MediatorClient.create(http, mediatorDid, r, Parties.RESOLVER);
            c.requestMediation();
            c.updateKeylist(List.of(KeyUpdate.add(r.did())));
            p.clients.add(c);
            dids.append(' ').append(r.did());
        }
        System.out.println(dids);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = commands.readLine()) != null; ) {
            String[] w = line.trim().split(" ");
            switch (w[0]) {
                case "live" -> System.out.println(w[1].equals("on") ? p.liveOn(ws) : p.liveOff());
                case "count" -> System.out.println("count " + p.received.get() + " " + p.liveErrors.get());
                case "dump" -> System.out.println(p.dump(Path.of(w[1])));
                case "quit" -> {
                    p.liveOff();
                    p.clients.forEach(MediatorClient::close);
                    System.out.println("bye");
                    return;
                }
                default -> System.out.println("error unknown command " + w[0]);
            }
        }
    }

    private void received(Unpacked u) {
        receipts.add(new Receipt(u.message().id(), System.nanoTime()));
        received.incrementAndGet();
    }

    private String liveOn(URI ws) {
        for (MediatorClient c : clients) {
            lives.add(c.goLive(ws, this::received, e -> liveErrors.incrementAndGet()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lives.stream().anyMatch(l -> !l.isOpen()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        long open = lives.stream().filter(LiveConnection::isOpen).count();
        return "live " + open;
    }

    private String liveOff() {
        lives.forEach(LiveConnection::close);
        lives.clear();
        return "offline";
    }

    private String dump(Path log) throws Exception {
        int n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(log)) {
            for (Receipt r; (r = receipts.poll()) != null; n++) {
                w.write(r.id() + " " + r.nanos() + "\n");
            }
        }
        received.set(0);
        return "dumped " + n;
    }
}
