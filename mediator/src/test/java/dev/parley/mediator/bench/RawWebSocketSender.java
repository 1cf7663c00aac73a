package dev.parley.mediator.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One persistent WebSocket (RFC 6455) to the mediator's {@code /ws} that sends each DIDComm envelope as one
 * masked binary frame, as {@code MediatorClient} does over OkHttp, with the generator's own CPU kept small
 * (like {@link RawHttpPoster}). A forward has no answer on a WebSocket; the mediator reads the next frame of a
 * connection only while fewer than 8 of its messages are in flight, so TCP's flow control is the back-pressure. Any
 * frame the mediator sends back (a problem-report) is counted by a reader thread. Not thread-safe for
 * sending: one per sender thread.
 */
final class RawWebSocketSender implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final SecureRandom random;
    private final AtomicLong framesIn;
    private byte[] frame = new byte[16_384];

    /**
     * Connects and upgrades.
     *
     * @param framesIn counts frames the mediator sends back (shared by every sender of a run)
     */
    RawWebSocketSender(URI ws, SecureRandom random, AtomicLong framesIn) throws IOException {
        this.random = random;
        this.framesIn = framesIn;
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), 10_000);
        socket.setSoTimeout(0);
        out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String path = ws.getRawPath() == null || ws.getRawPath().isEmpty() ? "/" : ws.getRawPath();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new BufferedInputStream(socket.getInputStream(), 8_192);
        String status = headers(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("the mediator refused the WebSocket upgrade: " + status);
        }
        Thread.ofPlatform().daemon().name("ws-sender-reader").start(() -> discardFrames(in));
    }

    /** Sends one envelope as one masked binary frame; blocks while the mediator is behind (TCP flow control). */
    void send(byte[] body) throws IOException {
        int n = body.length;
        int head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
        if (frame.length < head + 4 + n) {
            frame = new byte[head + 4 + n];
        }
        frame[0] = (byte) 0x82; // FIN, binary
        if (n < 126) {
            frame[1] = (byte) (0x80 | n);
        } else if (n < 65_536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        int mask = random.nextInt();
        byte[] key = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        System.arraycopy(key, 0, frame, head, 4);
        int p = head + 4;
        for (int i = 0; i < n; i++) {
            frame[p + i] = (byte) (body[i] ^ key[i & 3]);
        }
        out.write(frame, 0, p + n);
        out.flush();
    }

    private void discardFrames(InputStream in) {
        try {
            for (int b0; (b0 = in.read()) >= 0; ) {
                int b1 = in.read();
                if (b1 < 0) {
                    return;
                }
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = (in.read() << 8) | in.read();
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = (len << 8) | in.read();
                    }
                }
                in.skipNBytes(len);
                if ((b0 & 0x80) != 0) {
                    framesIn.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // the connection closed; the sending side sees it at its next write
        }
    }

    private static String headers(InputStream in) throws IOException {
        StringBuilder all = new StringBuilder();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0 || all.length() > 8_192) {
                throw new IOException("the WebSocket upgrade answer ended or ran too long: " + all);
            }
            all.append((char) c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return all.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
