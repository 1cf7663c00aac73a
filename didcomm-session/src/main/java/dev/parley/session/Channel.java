package dev.parley.session;

import dev.parley.session.channel.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * One reliable, ordered channel of a {@link Session}. In {@link ChannelMode#MESSAGE} mode each {@link #send} is one
 * message ({@code u32 length || bytes} on the wire, fragmented across records) and {@link #receive} returns whole
 * messages; in {@link ChannelMode#STREAM} mode use {@link #input()} and {@link #output()}. Sending is thread-safe;
 * receive from one thread at a time.
 */
public final class Channel {
    /** A message body is read in pieces of at least this size (or what is left): a quarter of the channel window. */
    private static final int READ_CHUNK = Connection.CHANNEL_WINDOW / 4;
    private final Session session;
    private final int id;
    private final ChannelMode mode;
    private final int maxMessageSize;
    /** Orders whole messages among senders; separate from receiving, so a sender never waits for a blocked reader. */
    private final Object sendLock = new Object();
    private final byte[] header = new byte[4];
    private int headerHave;
    private byte[] message;
    private int messageHave;

    Channel(Session session, int id, ChannelMode mode, int maxMessageSize) {
        this.session = session;
        this.id = id;
        this.mode = mode;
        this.maxMessageSize = maxMessageSize;
    }

    public int id() {
        return id;
    }

    public ChannelMode mode() {
        return mode;
    }

    /** Sends one message; blocks while the channel's send buffer is full. */
    public void send(byte[] message) throws IOException {
        sendGathered(message);
    }

    /**
     * Sends one message made of {@code parts} back to back (a header and a body, say) without first copying them into
     * one array; blocks while the channel's send buffer is full.
     */
    public void sendGathered(byte[]... parts) throws IOException {
        require(ChannelMode.MESSAGE);
        synchronized (sendLock) {
            session.writeParts(id, frame(parts), true);
        }
    }

    /**
     * Sends one message made of {@code parts} only if all of it fits in the channel's send buffer now; never blocks.
     *
     * @return whether the message was taken (false: nothing was written)
     */
    public boolean trySendGathered(byte[]... parts) throws IOException {
        require(ChannelMode.MESSAGE);
        synchronized (sendLock) {
            return session.writeParts(id, frame(parts), false);
        }
    }

    private byte[][] frame(byte[][] parts) throws MessageTooLargeException {
        long size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        if (size > maxMessageSize) {
            throw new MessageTooLargeException(size, maxMessageSize);
        }
        byte[][] framed = new byte[parts.length + 1][];
        framed[0] = new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size};
        System.arraycopy(parts, 0, framed, 1, parts.length);
        return framed;
    }

    /** The next whole message, or empty after {@code timeout}. */
    public synchronized Optional<byte[]> receive(Duration timeout) throws IOException, InterruptedException {
        require(ChannelMode.MESSAGE);
        long deadline = session.nanoTime() + timeout.toNanos();
        while (true) {
            long left = Math.max(0, deadline - session.nanoTime());
            if (headerHave < 4) {
                int n = session.read(id, header, headerHave, 4 - headerHave, left);
                if (n < 0) {
                    throw new SessionClosedException("channel " + id + " ended" + (headerHave > 0 ? " inside a message header" : ""));
                }
                if (n == 0) {
                    return Optional.empty();
                }
                headerHave += n;
                if (headerHave == 4) {
                    long size = ((header[0] & 0xffL) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                            | (header[3] & 0xff);
                    if (size > maxMessageSize) {
                        throw new MessageTooLargeException(size, maxMessageSize);
                    }
                    message = new byte[(int) size];
                    messageHave = 0;
                }
                continue;
            }
            if (messageHave < message.length) {
                int n = session.read(id, message, messageHave, message.length - messageHave, left, READ_CHUNK);
                if (n < 0) {
                    throw new SessionClosedException("channel " + id + " ended inside a message");
                }
                if (n == 0) {
                    return Optional.empty();
                }
                messageHave += n;
                continue;
            }
            byte[] done = message;
            message = null;
            headerHave = 0;
            return Optional.of(done);
        }
    }

    /** Ends this side's output: the peer reads end-of-stream after the bytes sent so far. */
    public void finish() throws IOException {
        session.finish(id);
    }

    /** The stream to write (STREAM mode); closing it finishes the channel's output. */
    public OutputStream output() {
        require(ChannelMode.STREAM);
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                session.writeFully(id, b, off, len);
            }

            @Override
            public void close() throws IOException {
                finish();
            }
        };
    }

    /** The stream to read (STREAM mode); {@code read} blocks until data, end of stream, or the session ends. */
    public InputStream input() {
        require(ChannelMode.STREAM);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                try {
                    int n;
                    do {
                        n = session.read(id, b, off, len, Long.MAX_VALUE / 4);
                    } while (n == 0);
                    return n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while reading channel " + id);
                }
            }
        };
    }

    private void require(ChannelMode expected) {
        if (mode != expected) {
            throw new IllegalStateException("channel " + id + " is in " + mode + " mode; this call needs " + expected);
        }
    }
}
