package dev.parley.nat.lab;

import dev.parley.nat.link.DatagramLink;
import dev.parley.nat.link.LinkClosedException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

/**
 * A small selective-repeat ARQ over a {@link DatagramLink}, for the lab only: each side sends
 * {@code bytes} of seeded pseudo-random data in numbered chunks, a window of {@link #WINDOW} in
 * flight, each chunk acknowledged individually and resent after {@link #RTO_MS} without an
 * acknowledgement, while it receives and acknowledges the peer's chunks. The peer's data length
 * is the same as ours. Both directions run at once.
 */
final class Transfer {
    static final int CHUNK = 1100;
    static final int WINDOW = 384;
    static final long RTO_MS = 400;
    private static final byte DATA = 1;
    private static final byte ACK = 2;

    record Result(String sentHash, String receivedHash) {
    }

    private final DatagramLink link;
    private final byte[] outgoing;
    private final byte[] incoming;
    private final int chunks;
    private final boolean[] acked;
    private final long[] sentAt;
    private final boolean[] received;
    private int ackedCount;
    private int receivedCount;

    Transfer(DatagramLink link, int bytes, long seed, int direction) {
        this.link = link;
        this.outgoing = new byte[bytes];
        new Random(seed * 31 + direction).nextBytes(outgoing);
        this.incoming = new byte[bytes];
        this.chunks = (bytes + CHUNK - 1) / CHUNK;
        this.acked = new boolean[chunks];
        this.sentAt = new long[chunks];
        this.received = new boolean[chunks];
    }

    Result run(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Thread receiver = Thread.ofPlatform().daemon().start(this::receiveLoop);
        int base = 0;
        int next = 0;
        while (true) {
            synchronized (this) {
                while (base < chunks && acked[base]) {
                    base++;
                }
                if (base == chunks && receivedCount == chunks) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("transfer incomplete after " + limit + ": acked " + ackedCount + "/"
                        + chunks + ", received " + receivedCount + "/" + chunks);
            }
            long now = System.nanoTime();
            boolean sentAny = false;
            for (int i = base; i < Math.min(next, chunks); i++) {
                boolean resend;
                synchronized (this) {
                    resend = !acked[i] && now - sentAt[i] > RTO_MS * 1_000_000;
                }
                if (resend) {
                    sendChunk(i);
                    sentAny = true;
                }
            }
            while (next < chunks && next - base < WINDOW) {
                sendChunk(next++);
                sentAny = true;
            }
            if (!sentAny) {
                synchronized (this) {
                    wait(5);
                }
            }
        }
        // Keep acknowledging for a moment so the peer's last chunks are not stuck on a lost ack.
        long lingerUntil = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < lingerUntil) {
            synchronized (this) {
                wait(100);
            }
        }
        receiver.interrupt();
        return new Result(sha256(outgoing), sha256(incoming));
    }

    private void sendChunk(int i) throws Exception {
        int off = i * CHUNK;
        int len = Math.min(CHUNK, outgoing.length - off);
        ByteBuffer b = ByteBuffer.allocate(5 + len).put(DATA).putInt(i).put(outgoing, off, len);
        synchronized (this) {
            sentAt[i] = System.nanoTime();
        }
        link.send(b.array());
    }

    private void receiveLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Optional<byte[]> got = link.receive(Duration.ofMillis(200));
                if (got.isEmpty()) {
                    continue;
                }
                ByteBuffer b = ByteBuffer.wrap(got.get());
                if (b.remaining() < 5) {
                    continue;
                }
                byte type = b.get();
                int seq = b.getInt();
                if (seq < 0 || seq >= chunks) {
                    continue;
                }
                if (type == DATA) {
                    synchronized (this) {
                        if (!received[seq]) {
                            b.get(incoming, seq * CHUNK, b.remaining());
                            received[seq] = true;
                            receivedCount++;
                        }
                    }
                    link.send(ByteBuffer.allocate(5).put(ACK).putInt(seq).array());
                } else if (type == ACK) {
                    synchronized (this) {
                        if (!acked[seq]) {
                            acked[seq] = true;
                            ackedCount++;
                            notifyAll();
                        }
                    }
                }
            }
        } catch (InterruptedException | LinkClosedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("link failed during transfer: " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
