package dev.parley.mpc.transport;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.PartyUnreachableException;
import dev.parley.mpc.ProtocolViolationException;
import dev.parley.mpc.TransportException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue of messages from one peer. Data frames take a permit of the capacity; terminal frames (closed,
 * violation) do not, so a departure is always seen even by a full inbox, and they stay at the head once reached.
 * One producer (the peer's sender or socket reader) and one consumer (the engine thread).
 */
final class Inbox {

    sealed interface Frame permits Data, Closed, Violation {
    }

    record Data(long round, byte[] payload) implements Frame {
    }

    record Closed(String reason) implements Frame {
    }

    record Violation(String reason) implements Frame {
    }

    private final LinkedBlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
    private final Semaphore space;
    private final int capacity;
    private final int peer;
    private volatile Frame terminal;

    Inbox(int peer, int capacity) {
        this.peer = peer;
        this.capacity = capacity;
        this.space = new Semaphore(capacity);
    }

    /** Adds a data frame, waiting up to {@code wait} for space. */
    void put(Data frame, int receiver, Duration wait) throws MpcException {
        try {
            if (!space.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TransportException("party " + receiver + " did not drain its inbox from party " + peer
                        + " (" + capacity + " messages) within " + wait + "; it is stalled or gone");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while sending round " + frame.round() + " to party " + receiver);
        }
        queue.add(frame);
    }

    /** Adds a data frame waiting as long as needed (socket readers: backpressure onto TCP). */
    void putBlocking(Data frame) throws InterruptedException {
        space.acquire();
        queue.add(frame);
    }

    void terminate(Frame frame) {
        if (terminal == null) {
            terminal = frame;
            queue.add(frame);
        }
    }

    byte[] take(long round, Duration timeout) throws MpcException {
        Frame frame;
        try {
            frame = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for party " + peer + " in round " + round);
        }
        if (frame == null) {
            throw new PartyUnreachableException(peer, round, "party " + peer + " sent nothing for round " + round
                    + " within " + human(timeout));
        }
        return switch (frame) {
            case Data data -> {
                space.release();
                if (data.round() != round) {
                    throw new ProtocolViolationException(peer, round, "party " + peer + " sent a message for round "
                            + data.round() + " while this party expected round " + round);
                }
                yield data.payload();
            }
            case Closed closed -> {
                queue.add(closed);
                throw new PartyUnreachableException(peer, round, "party " + peer + " left before round " + round
                        + " (" + closed.reason() + ")");
            }
            case Violation violation -> {
                queue.add(violation);
                throw new ProtocolViolationException(peer, round, "party " + peer + " broke the framing before round "
                        + round + ": " + violation.reason());
            }
        };
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
