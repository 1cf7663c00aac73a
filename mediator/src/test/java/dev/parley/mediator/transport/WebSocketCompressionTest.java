package dev.parley.mediator.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DIDComm WebSocket carries ciphertext, so it declines permessage-deflate even when a client offers it. */
class WebSocketCompressionTest {

    @TempDir
    Path data;

    @Test
    void didcommWebSocketDeclinesPermessageDeflate() throws Exception {
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data));
                Socket s = new Socket(m.wsUrl().getHost(), m.wsUrl().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: " + m.wsUrl().getHost() + ":" + m.wsUrl().getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String status = in.readLine();
            List<String> headers = new ArrayList<>();
            for (String h; (h = in.readLine()) != null && !h.isEmpty(); ) {
                headers.add(h.toLowerCase(Locale.ROOT));
            }
            assertEquals("HTTP/1.1 101 Switching Protocols", status, "the upgrade itself succeeds");
            assertFalse(headers.stream().anyMatch(h -> h.startsWith("sec-websocket-extensions:")),
                    "no extension was negotiated: " + headers);
        }
    }
}
