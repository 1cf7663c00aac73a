package dev.parley.mediator.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.PackOption;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.mediator.KeyUpdate;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.Parties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WebSocket client that writes many forwards back to back has several handled at once (the connection's
 * window), and still: every forward is committed, none is lost, one connection's forwards are queued in the
 * order they were sent, and a message that is not a forward is acted on only after everything before it.
 */
class PipelinedWebSocketTest {

    private static final String BASIC = "https://didcomm.org/basicmessage/2.0/message";
    private static final int FORWARDS = 25 * WebSocketEdge.MAX_IN_FLIGHT;

    @TempDir
    Path data;

    @Test
    void forwardsSentBackToBackAreAllCommittedInOrderBeforeTheNextRequestIsAnswered() throws Exception {
        SecureRandom random = new SecureRandom();
        OkHttpClient http = new OkHttpClient();
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data))) {
            LocalIdentity bobId = Parties.party(random, m.httpUrl().toString(), m.did(), false);
            MediatorClient bobClient = Parties.client(m, bobId);
            bobClient.requestMediation();
            bobClient.updateKeylist(List.of(KeyUpdate.add(bobId.did())));
            LocalIdentity alice = Parties.party(random, m.httpUrl().toString(), m.did(), false);
            DidCommPacker packer = new DidCommPacker(Parties.RESOLVER, random, JsonLimits.DEFAULT);
            List<byte[]> frames = new ArrayList<>();
            for (int i = 0; i < FORWARDS; i++) {
                Message msg = Message.builder(UUID.randomUUID().toString(), BASIC).from(alice.did())
                        .to(List.of(bobId.did())).body(JsonNodeFactory.instance.objectNode().put("n", i)).build();
                frames.add(packer.packFor(msg, bobId.did(), PackOptions.authcrypt(PackOption.FORWARD), alice).json()
                        .getBytes(StandardCharsets.UTF_8));
            }
            // Bob's status-request goes on the same socket right after the forwards, without waiting.
            Message statusRequest = Message.builder(UUID.randomUUID().toString(),
                    "https://didcomm.org/message-pickup/4.0/status-request").from(bobId.did()).to(List.of(m.did()))
                    .body(JsonNodeFactory.instance.objectNode()).build();
            frames.add(packer.packFor(statusRequest, m.did(), PackOptions.authcrypt(), bobId).json()
                    .getBytes(StandardCharsets.UTF_8));

            BlockingQueue<byte[]> replies = new LinkedBlockingQueue<>();
            WebSocket ws = http.newWebSocket(new Request.Builder().url(m.wsUrl().toString()).build(),
                    new WebSocketListener() {
                        @Override
                        public void onMessage(WebSocket w, ByteString bytes) {
                            replies.add(bytes.toByteArray());
                        }
                    });
            frames.forEach(f -> ws.send(ByteString.of(f)));
            byte[] reply = replies.poll(60, TimeUnit.SECONDS);
            ws.close(1000, null);

            assertNotNull(reply, "the status-request after the forwards was answered");
            Unpacked status = new DidCommUnpacker(Parties.RESOLVER, Clock.systemUTC(), JsonLimits.DEFAULT)
                    .unpack(reply, bobId.secrets());
            assertEquals("https://didcomm.org/message-pickup/4.0/status", status.message().type(),
                    status.message().body().toString());
            assertEquals(FORWARDS, status.message().body().path("message_count").asInt(),
                    "the status-request saw every forward sent before it committed");
            List<Integer> order = new ArrayList<>();
            assertEquals(FORWARDS, bobClient.pickup(10 * FORWARDS,
                    u -> order.add(u.message().body().path("n").asInt())));
            List<Integer> sent = new ArrayList<>();
            for (int i = 0; i < FORWARDS; i++) {
                sent.add(i);
            }
            assertEquals(sent, order, "one connection's forwards are queued in the order they were sent");
            bobClient.close();
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
