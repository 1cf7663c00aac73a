package dev.parley.mediator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.PackOption;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.json.StrictJson;
import dev.parley.didcomm.message.Attachment;
import dev.parley.didcomm.message.AttachmentData;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.Parties;
import dev.parley.mediator.identity.DidCommEnvelopeCodec;
import dev.parley.mediator.identity.MediatorIdentity;
import dev.parley.mediator.protocol.Inbound;
import dev.parley.mediator.protocol.RouteKeys;
import dev.parley.mediator.store.QueueQuota;
import dev.parley.mediator.store.QueuedMessage;
import dev.parley.mediator.store.Route;
import dev.parley.mediator.store.sqlite.SqliteMediatorStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * CPU time of each step a forward costs the mediator, one step at a time on one thread (run by the
 * {@code bench} profile with {@code -Dbench.main=dev.parley.mediator.bench.ForwardPathBreakdown}). Times are
 * the thread's CPU time ({@link ThreadMXBean}), so other processes on the machine slow the run down but do not
 * inflate the figures much; storage steps also report wall time, because their cost is the writer thread's
 * fsync. Uses the mediator's real codec, identity and SQLite store, and forwards packed as
 * {@code MediatorClient.send} packs them (1 KiB basicmessage, authcrypt, forward anoncrypted to the mediator).
 */
public final class ForwardPathBreakdown {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int N = 2_000;

    @FunctionalInterface
    private interface Step {
        void run(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("parley-forward-breakdown");
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        URI http = URI.create("http://127.0.0.1:1/");
        MediatorIdentity identity = MediatorIdentity.loadOrCreate(dir, http, URI.create("ws://127.0.0.1:1/ws"),
                random, clock);
        DidCommEnvelopeCodec codec = new DidCommEnvelopeCodec(identity, Parties.RESOLVER, clock, random,
                JsonLimits.DEFAULT);
        LocalIdentity sender = Parties.party(random, http.toString(), identity.did(), false);
        LocalIdentity recipient = Parties.party(random, http.toString(), identity.did(), false);
        DidCommPacker packer = new DidCommPacker(Parties.RESOLVER, random, JsonLimits.DEFAULT);

        byte[][] forwards = new byte[2 * N][];
        byte[][] acks = new byte[2 * N][];
        String content = "x".repeat(1024);
        for (int i = 0; i < 2 * N; i++) {
            Message m = Message.builder("m" + i, "https://didcomm.org/basicmessage/2.0/message").from(sender.did())
                    .to(List.of(recipient.did())).body(JsonNodeFactory.instance.objectNode().put("content", content))
                    .build();
            forwards[i] = packer.packFor(m, recipient.did(), PackOptions.authcrypt(PackOption.FORWARD), sender).json()
                    .getBytes(StandardCharsets.UTF_8);
            Message ack = Message.builder("a" + i, "https://didcomm.org/messagepickup/4.0/messages-received")
                    .from(recipient.did()).to(List.of(identity.did()))
                    .body(JsonNodeFactory.instance.objectNode().set("message_id_list",
                            JsonNodeFactory.instance.arrayNode().add("q" + i)))
                    .build();
            acks[i] = packer.packFor(ack, identity.did(), PackOptions.authcrypt(), recipient).json()
                    .getBytes(StandardCharsets.UTF_8);
        }
        System.out.printf("forward envelope %d bytes, messages-received envelope %d bytes; %d runs per step after"
                + " %d warm-up runs; CPU time of the measuring thread%n", forwards[0].length, acks[0].length, N, N);

        byte[] scalar = new byte[32];
        byte[] peer = new byte[32];
        byte[] out = new byte[32];
        X25519.generatePrivateKey(random, scalar);
        X25519.generatePublicKey(scalar, 0, peer, 0);
        time("X25519 agreement (Bouncy Castle)", i -> X25519.calculateAgreement(scalar, 0, peer, 0, out, 0));
        StrictJson json = new StrictJson(JsonLimits.DEFAULT);
        time("JSON parse of the forward envelope (strict)", i -> json.readObject(forwards[i], "forward"));
        Inbound[] opened = new Inbound[2 * N];
        time("open a forward: whole unpack (anoncrypt layer)", i -> opened[i] = codec.open(forwards[i]));
        ObjectMapper mapper = new ObjectMapper();
        time("forward payload re-serialized from the tree", i -> mapper.writeValueAsBytes(
                ((AttachmentData.JsonData) opened[i].message().attachments().get(0).data()).json()));

        SqliteMediatorStore store = SqliteMediatorStore.open(dir.resolve("breakdown.db"),
                new QueueQuota(1_000_000, 1L << 34), random);
        try {
            store.grant(recipient.did(), Instant.now()).get();
            store.addRecipient(recipient.did(), recipient.did(), RouteKeys.aliasesFor(recipient.did())).get();
            List<String> candidates = RouteKeys.candidatesFor(recipient.did());
            time("route lookup (SQLite read)", i -> store.route(candidates).orElseThrow());
            Route route = store.route(candidates).orElseThrow();
            byte[] payload = mapper.writeValueAsBytes(
                    ((AttachmentData.JsonData) opened[0].message().attachments().get(0).data()).json());
            time("enqueue, one at a time (insert + commit + fsync each)", i -> store.enqueue(route, payload,
                    Instant.now(), Instant.now().plusSeconds(3600), Optional.empty()).get());
            time("enqueue, 64 at once (group commit), per message", i -> {
                if (i % 64 == 0) {
                    List<CompletableFuture<QueuedMessage>> fs = new ArrayList<>(64);
                    for (int k = 0; k < 64; k++) {
                        fs.add(store.enqueue(route, payload, Instant.now(), Instant.now().plusSeconds(3600),
                                Optional.empty()));
                    }
                    for (CompletableFuture<QueuedMessage> f : fs) {
                        f.get();
                    }
                }
            });
        } finally {
            store.close();
        }
        for (int batch : new int[] {1, 8, 32}) {
            Message delivery = delivery(identity.did(), recipient.did(), payload(opened[0], mapper), batch);
            time("seal a live delivery of " + batch + " message(s) (authcrypt)", i -> codec.seal(delivery,
                    recipient.did()));
        }
        time("open a messages-received (authcrypt)", i -> codec.open(acks[i]));
    }

    private static byte[] payload(Inbound in, ObjectMapper mapper) throws Exception {
        return mapper.writeValueAsBytes(((AttachmentData.JsonData) in.message().attachments().get(0).data()).json());
    }

    private static Message delivery(String mediatorDid, String client, byte[] payload, int count) {
        List<Attachment> attachments = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            // as the engine builds a delivery: base64url, no hash
            attachments.add(Attachment.of("q" + k, "application/didcomm-encrypted+json", new AttachmentData.Base64Data(
                    Base64.getUrlEncoder().withoutPadding().encodeToString(payload), null, null)));
        }
        return Message.builder("d" + count, "https://didcomm.org/messagepickup/4.0/delivery").from(mediatorDid)
                .to(List.of(client)).createdTime(Instant.now()).body(JsonNodeFactory.instance.objectNode())
                .attachments(attachments).build();
    }

    /** Runs {@code step} N times to warm up, then N times measured; prints CPU and wall microseconds per run. */
    private static void time(String name, Step step) throws Exception {
        for (int i = 0; i < N; i++) {
            step.run(N + i);
        }
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < N; i++) {
            step.run(i);
        }
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / N;
        double wall = (System.nanoTime() - wall0) / 1e3 / N;
        System.out.printf("| %s | %.1f | %.1f |%n", name, cpu, wall);
    }
}
