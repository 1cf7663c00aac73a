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
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that POSTs DIDComm envelopes and reads the status of each answer.
 * The load generator uses it instead of a general HTTP client so that its own CPU cost, on a machine it
 * shares with the mediator, stays small (like wrk). It understands exactly what a forward is answered with:
 * a status line, headers with a Content-Length, and that many bytes. Not thread-safe: one per sender.
 */
final class RawHttpPoster implements AutoCloseable {

    private static final int MAX_LINE = 8192;

    private final String host;
    private final int port;
    private final byte[] head;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    RawHttpPoster(URI url) {
        this.host = url.getHost();
        this.port = url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/didcomm-encrypted+json\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Posts {@code body} and returns the answer's status; reconnects first if the last exchange failed. */
    int post(byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(120_000);
            out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
            in = new BufferedInputStream(socket.getInputStream(), 8_192);
        }
        try {
            return exchange(body);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private int exchange(byte[] body) throws IOException {
        out.write(head);
        out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("the mediator did not answer with an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean closeAfter = false;
        for (String h; !(h = line()).isEmpty(); ) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> throw new IOException("a chunked answer (" + value
                        + ") was not expected; this poster reads Content-Length bodies only");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        if (length < 0) {
            throw new IOException("the answer (HTTP " + code + ") has no Content-Length");
        }
        in.skipNBytes(length);
        if (closeAfter) {
            close();
        }
        return code;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("the mediator closed the connection mid-answer");
            }
            if (sb.length() >= MAX_LINE) {
                throw new IOException("an answer line is longer than " + MAX_LINE + " bytes");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing a broken connection; the next post opens a new one
            }
        }
    }
}
