package dev.parley.mediator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.mediator.KeyUpdate;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.Parties;
import dev.parley.mediator.limit.Limits;
import dev.parley.mediator.metrics.RejectReason;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Message TTL, WebSocket idle time and WebSocket message size, enforced by a real mediator. */
class LimitsOverTheWireTest {

    @TempDir
    Path data;

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Test
    void undeliveredMessagesExpireAtTheirTtl() throws Exception {
        ManualClock clock = new ManualClock();
        Limits limits = Limits.DEFAULTS.withMessageTtl(Duration.ofHours(1));
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data).withLimits(limits).withClock(clock)
                .withHousekeepingInterval(Duration.ofMillis(50)))) {
            SecureRandom r = new SecureRandom();
            LocalIdentity alice = Parties.party(r, m.httpUrl().toString(), m.did(), false);
            LocalIdentity bob = Parties.party(r, m.httpUrl().toString(), m.did(), false);
            try (MediatorClient a = Parties.client(m, alice); MediatorClient b = Parties.client(m, bob)) {
                b.requestMediation();
                b.updateKeylist(List.of(KeyUpdate.add(bob.did())));
                a.send(Message.builder(UUID.randomUUID().toString(), "https://didcomm.org/basicmessage/2.0/message")
                        .from(alice.did()).to(List.of(bob.did()))
                        .body(JsonNodeFactory.instance.objectNode().put("content", "ephemeral")).build());
                assertEquals(1, b.status().queuedMessages());
                clock.advance(Duration.ofMinutes(59));
                assertEquals(1, b.status().queuedMessages(), "not yet expired");
                clock.advance(Duration.ofMinutes(2));
                await(() -> m.metrics().scrape().contains("parley_mediator_expired_total 1"), "expiry");
                assertEquals(0, b.status().queuedMessages());
            }
        }
    }

    @Test
    void aClientSendingItsBodyTooSlowlyIsCutOffAndCounted() throws Exception {
        Limits limits = Limits.DEFAULTS.withMinRequestBytesPerSecond(50_000);
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data).withLimits(limits));
                java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), m.port())) {
            s.setSoTimeout(20_000);
            var out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/didcomm-encrypted+json\r\n"
                    + "Content-Length: 100000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String status = null;
            // A trickle of 100 bytes every 50 ms (2 KB/s) until the mediator gives up on us.
            var in = s.getInputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            try {
                while (System.nanoTime() < deadline && in.available() == 0) {
                    out.write(new byte[100]);
                    out.flush();
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
                status = new String(in.readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            } catch (java.io.IOException closed) {
                status = "closed";
            }
            assertTrue(status.equals("closed") || status.contains(" 408") || status.contains(" 500"),
                    "a slow body must be cut off, got " + status);
            await(() -> m.metrics().rejectedCount(RejectReason.SLOW_CLIENT) >= 1, "slow client counted");
        }
    }

    @Test
    void anIdleWebSocketIsClosedAndCounted() throws Exception {
        Limits limits = Limits.DEFAULTS.withConnections(100, Duration.ofMillis(300), Duration.ofSeconds(30));
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data).withLimits(limits))) {
            BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(m.wsUrl(), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                    closed.add(status);
                    return null;
                }
            }).join();
            Integer status = closed.poll(20, TimeUnit.SECONDS);
            assertNotNull(status, "the idle socket was not closed");
            await(() -> m.metrics().rejectedCount(RejectReason.WEBSOCKET_IDLE) >= 1, "idle close counted");
        }
    }

    @Test
    void aWebSocketMessageLargerThanOneDefaultFrameButWithinTheLimitIsRead() throws Exception {
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data))) {
            BlockingQueue<String> answers = new LinkedBlockingQueue<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(m.wsUrl(),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence text, boolean last) {
                            answers.add(text.toString());
                            w.request(1);
                            return null;
                        }
                    }).join();
            ws.sendText("{\"x\":\"" + "a".repeat(150_000) + "\"}", true); // 150 KB in one frame, limit 256 KiB
            String answer = answers.poll(20, TimeUnit.SECONDS);
            assertNotNull(answer, "no answer: the message was dropped or the socket closed");
            assertTrue(answer.contains("problem-report"), answer);
        }
    }

    @Test
    void anOversizedWebSocketMessageClosesTheSocket() throws Exception {
        Limits limits = Limits.DEFAULTS.withMaxMessageBytes(4096);
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data).withLimits(limits))) {
            BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(m.wsUrl(),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                            closed.add(status);
                            return null;
                        }
                    }).join();
            ws.sendText("{\"x\":\"" + "a".repeat(10_000) + "\"}", true);
            Integer status = closed.poll(20, TimeUnit.SECONDS);
            assertEquals(1009, status, "1009: message too big");
            await(() -> m.metrics().rejectedCount(RejectReason.TOO_LARGE) >= 1, "counted as too large");
        }
    }
}
