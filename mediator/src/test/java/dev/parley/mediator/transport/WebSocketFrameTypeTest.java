package dev.parley.mediator.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import java.nio.file.Path;
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

/** The mediator answers a WebSocket client in the frame type the client sends: text to text, binary to binary. */
class WebSocketFrameTypeTest {

    @TempDir
    Path data;

    @Test
    void answersTextWithTextAndBinaryWithBinary() throws Exception {
        OkHttpClient http = new OkHttpClient();
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data))) {
            WebSocket ws = http.newWebSocket(new Request.Builder().url(m.wsUrl().toString()).build(),
                    new WebSocketListener() {
                        @Override
                        public void onMessage(WebSocket w, String text) {
                            frames.add("text " + text);
                        }

                        @Override
                        public void onMessage(WebSocket w, ByteString bytes) {
                            frames.add("binary " + bytes.utf8());
                        }
                    });
            // Not DIDComm: each is answered with a plaintext problem-report on the socket.
            ws.send("this is not a DIDComm message");
            String first = frames.poll(10, TimeUnit.SECONDS);
            ws.send(ByteString.encodeUtf8("nor is this"));
            String second = frames.poll(10, TimeUnit.SECONDS);
            ws.send("text again");
            String third = frames.poll(10, TimeUnit.SECONDS);
            ws.close(1000, null);
            assertTrue(first != null && first.startsWith("text ") && first.contains("problem-report"), "" + first);
            assertTrue(second != null && second.startsWith("binary ") && second.contains("problem-report"),
                    "" + second);
            assertEquals("text ", third == null ? null : third.substring(0, 5), "" + third);
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
