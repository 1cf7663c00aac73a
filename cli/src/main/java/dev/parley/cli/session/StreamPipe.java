package dev.parley.cli.session;

import dev.parley.session.Channel;
import dev.parley.session.ChannelMode;
import dev.parley.session.Session;
import dev.parley.session.channel.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Netcat over a session: stdin goes out on channel 0 (STREAM), channel 0 from the peer goes to stdout. Each side
 * finishes channel 0 when its stdin ends. Because closing a session drops what the peer has not yet acknowledged,
 * a side also finishes channel 1 once it has read the peer's end of channel 0 (so the peer knows everything it sent
 * arrived), and closes the session only when its stdin ended, the peer's data all arrived, and the peer confirmed on
 * channel 1 (or closed normally, which it only does after its own confirmation). Runs on the caller's thread plus
 * one sender thread.
 */
final class StreamPipe {
    static final int DATA = 0;
    static final int DELIVERED = 1;

    private final Session session;
    private final PrintWriter status;
    private final LongSupplier nanoTime;

    StreamPipe(Session session, PrintWriter status, LongSupplier nanoTime) {
        this.session = session;
        this.status = status;
        this.nanoTime = nanoTime;
    }

    /** Pipes until both halves are closed; returns normally only when every byte went both ways. */
    void run(InputStream stdin, OutputStream stdout) throws IOException, InterruptedException {
        Channel data = session.openChannel(DATA, ChannelMode.STREAM);
        Channel delivered = session.openChannel(DELIVERED, ChannelMode.STREAM);
        AtomicLong sent = new AtomicLong();
        IOException[] sendFailure = new IOException[1];
        long start = nanoTime.getAsLong();
        Thread sender = Thread.ofPlatform().daemon().name("parley-stdin").start(() -> {
            byte[] buf = new byte[16 * 1024];
            try (OutputStream out = data.output()) {
                int n;
                while ((n = stdin.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    sent.addAndGet(n);
                }
            } catch (IOException e) {
                sendFailure[0] = e;
            }
        });
        long received = 0;
        byte[] buf = new byte[16 * 1024];
        InputStream in = data.input();
        int n;
        while ((n = in.read(buf)) >= 0) {
            stdout.write(buf, 0, n);
            received += n;
        }
        stdout.flush();
        delivered.finish();
        sender.join();
        if (sendFailure[0] != null) {
            throw sendFailure[0];
        }
        awaitPeerConfirmation(delivered.input());
        double seconds = Math.max(1e-9, (nanoTime.getAsLong() - start) / 1e9);
        status.println(String.format(Locale.ROOT, "done: sent %d bytes, received %d bytes in %.2f s (%.2f MB/s),"
                        + " rtt %.1f ms", sent.get(), received, seconds, (sent.get() + received) / seconds / 1e6,
                session.stats().smoothedRttNanos() / 1e6));
        status.flush();
        session.close();
    }

    private void awaitPeerConfirmation(InputStream confirmation) throws IOException {
        try {
            if (confirmation.read() >= 0) {
                throw new IOException("the peer sent data on the confirmation channel " + DELIVERED);
            }
        } catch (IOException e) {
            if (session.state() == Connection.State.CLOSED && session.failure().isEmpty()) {
                return;
            }
            throw new IOException("the session ended before the peer confirmed it received everything: "
                    + session.failure().orElse(e.getMessage()), e);
        }
    }
}
