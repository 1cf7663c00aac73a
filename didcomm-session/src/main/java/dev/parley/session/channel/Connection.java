package dev.parley.session.channel;

import dev.parley.session.record.ContentType;
import dev.parley.session.record.OpenedRecord;
import dev.parley.session.record.RecordException;
import dev.parley.session.record.RecordLayer;
import dev.parley.session.record.ReplayedRecordException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reliable transport of one session over its records (docs/protocol/session.md section 6), sans I/O: the
 * caller passes in datagrams ({@link #onDatagram}) and the time, and takes datagrams out ({@link #poll}) until it
 * returns 0, then waits until {@link #nextTimeout} or the next datagram. Time is a monotonic nanosecond count.
 *
 * <p>The packet number is the record counter. Lost stream bytes are resent in new packets. Acknowledgements of
 * packets already declared lost still count (spurious losses cost a resend, not a stall).
 *
 * <p>The responder sends no channel data before the first valid record from the initiator (key confirmation, see
 * the KCI note in the spec); the initiator sends a keepalive at once so that happens within one trip.
 *
 * <p>Not thread-safe: the session wraps every call in one lock.
 */
public final class Connection {
    /** Per-channel flow-control window: a protocol constant of version 1. */
    public static final int CHANNEL_WINDOW = 256 * 1024;
    /** Most SACK ranges an ACK frame carries. */
    public static final int MAX_ACK_RANGES = 32;
    /** Close codes. */
    public static final int CLOSE_NORMAL = 0;
    public static final int CLOSE_UNKNOWN_CHANNEL = 1;
    public static final int CLOSE_PROTOCOL_VIOLATION = 2;

    private static final int FRAME_STREAM = 1;
    private static final int FRAME_ACK = 2;
    private static final int FRAME_WINDOW = 3;
    private static final int STREAM_HEADER = 14;
    private static final int MAX_DECLARED_LOST = 4096;
    /** Tail-loss probes sent before the retransmission timeout takes over. */
    private static final int MAX_PROBES = 2;
    private static final int P = RecordLayer.PAYLOAD_OFFSET;

    /** Connection states; CLOSED and FAILED are final. */
    public enum State { OPEN, CLOSING, CLOSED, FAILED }

    private record SentPacket(long time, int size, List<long[]> streams, List<Integer> windows) {
    }

    private final RecordLayer records;
    private final ConnectionConfig config;
    private final boolean initiator;
    private final SendStream[] send;
    private final ReceiveStream[] receive;
    private final boolean[] windowPending;
    private final RttEstimator rtt;
    private final CongestionController cc;
    private final TreeMap<Long, SentPacket> sent = new TreeMap<>();
    private final TreeMap<Long, SentPacket> declaredLost = new TreeMap<>();
    private final RangeSet receivedPackets = new RangeSet();
    private final byte[] plain = new byte[RecordLayer.LARGEST_RECORD];
    private final byte[] payload = new byte[RecordLayer.LARGEST_PAYLOAD];

    private State state = State.OPEN;
    private String failure;
    private int closeCode = -1;
    private int peerCloseCode = -1;
    private boolean closeToSend;
    private int closeSends;
    private long closeDeadline = Long.MAX_VALUE;
    private boolean peerConfirmed;
    private boolean sentAnything;
    private long largestAcked = -1;
    private long lastAckElicitingSent;
    private int backoff;
    private int probes;
    private boolean ackPending;
    private int ackElicitingSinceAck;
    /** Bytes of the ack-eliciting records counted in {@code ackElicitingSinceAck}. */
    private long ackElicitingBytes;
    private long ackDeadline = Long.MAX_VALUE;
    private long oldestUnacked;
    private long lastSend;
    private long lastReceive;
    private int roundRobin;
    private long recordsSent;
    private long recordsReceived;
    private long recordsRejected;
    private long recordsReplayed;
    private long packetsLost;
    private long timeouts;

    /**
     * @param initiator whether this side initiated the handshake (the responder waits for key confirmation)
     * @param now       the current monotonic time in nanoseconds
     */
    public Connection(RecordLayer records, ConnectionConfig config, boolean initiator, long now) {
        this.records = records;
        this.config = config;
        this.initiator = initiator;
        this.peerConfirmed = initiator;
        this.send = new SendStream[config.maxChannels()];
        this.receive = new ReceiveStream[config.maxChannels()];
        this.windowPending = new boolean[config.maxChannels()];
        this.rtt = new RttEstimator(config.minRto().toNanos(), config.maxRto().toNanos(), config.ackDelay().toNanos());
        this.cc = new CongestionController(config.initialWindow());
        this.lastSend = now;
        this.lastReceive = now;
    }

    // ---- application side -------------------------------------------------------------------------------------

    /** Queues bytes on a channel; returns how many fit in its send buffer (0 when full: wait and retry). */
    public int write(int channel, byte[] b, int off, int len) {
        requireOpen();
        return sendStream(channel).write(b, off, len);
    }

    /** Ends the channel's output after the bytes written so far (the peer reads end-of-stream). */
    public void finish(int channel) {
        requireOpen();
        sendStream(channel).finish();
    }

    /** Reads in-order bytes: the count, 0 when none are ready, -1 at the end of the stream. */
    public int read(int channel, byte[] b, int off, int len) {
        checkChannel(channel);
        ReceiveStream r = receive[channel];
        if (r == null) {
            return 0;
        }
        int n = r.read(b, off, len);
        if (n > 0 && r.windowUpdate() >= 0) {
            windowPending[channel] = true;
        }
        return n;
    }

    public int available(int channel) {
        checkChannel(channel);
        return receive[channel] == null ? 0 : receive[channel].available();
    }

    /** Whether the peer ended the channel and every byte before the end was read. */
    public boolean atEnd(int channel) {
        checkChannel(channel);
        return receive[channel] != null && receive[channel].atEnd();
    }

    public int sendCapacity(int channel) {
        return sendStream(channel).freeCapacity();
    }

    /**
     * Whether written bytes (or a window grant) wait to be sent, held back by the congestion or flow-control window:
     * they go out only as the peer's acknowledgements and grants come in.
     */
    public boolean sendBacklog() {
        return state == State.OPEN && hasPendingData();
    }

    /** Whether every byte written on the channel has been acknowledged by the peer. */
    public boolean allAcked(int channel) {
        checkChannel(channel);
        return send[channel] == null || send[channel].allAcked();
    }

    /** Starts an authenticated close: a CLOSE record, resent up to three times until the peer's CLOSE arrives. */
    public void close(int code) {
        if (state == State.OPEN) {
            state = State.CLOSING;
            closeCode = code;
            closeToSend = true;
        }
    }

    public State state() {
        return state;
    }

    /** Why the connection failed, or null. */
    public String failure() {
        return failure;
    }

    /** The code of the peer's CLOSE, or -1. */
    public int peerCloseCode() {
        return peerCloseCode;
    }

    public boolean peerConfirmed() {
        return peerConfirmed;
    }

    public ConnectionStats stats() {
        return new ConnectionStats(recordsSent, recordsReceived, recordsRejected, recordsReplayed, packetsLost,
                timeouts, cc.window(), rtt.smoothed());
    }

    // ---- network side -----------------------------------------------------------------------------------------

    /** Takes one datagram from the path. Records that fail any check are counted and dropped. */
    public void onDatagram(byte[] data, int length, long now) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        OpenedRecord r;
        try {
            r = records.open(data, length, plain);
        } catch (ReplayedRecordException e) {
            recordsReplayed++;
            return;
        } catch (RecordException e) {
            recordsRejected++;
            return;
        }
        recordsReceived++;
        lastReceive = now;
        peerConfirmed = true;
        switch (r.type()) {
            case KEEPALIVE -> { }
            case CLOSE -> onClose(r.length() >= 2 ? ((plain[P] & 0xff) << 8) | (plain[P + 1] & 0xff) : CLOSE_NORMAL);
            case DATA -> onData(r.counter(), r.length(), now);
        }
    }

    /**
     * Writes the next datagram to send into {@code out} and returns its length, or 0 when nothing is due now.
     *
     * @param maxRecord the largest datagram the path carries now ({@link RecordLayer#MAX_RECORD} to
     *                  {@link RecordLayer#LARGEST_RECORD}); {@code out} must hold that many bytes
     */
    public int poll(long now, byte[] out, int maxRecord) {
        if (maxRecord < RecordLayer.MAX_RECORD || maxRecord > RecordLayer.LARGEST_RECORD) {
            throw new IllegalArgumentException("maxRecord " + maxRecord + " outside " + RecordLayer.MAX_RECORD + ".."
                    + RecordLayer.LARGEST_RECORD);
        }
        cc.datagramSize(maxRecord);
        try {
            if (closeToSend) {
                closeToSend = false;
                closeSends++;
                closeDeadline = now + rtt.rto(closeSends);
                byte[] code = {(byte) (Math.max(closeCode, 0) >>> 8), (byte) Math.max(closeCode, 0)};
                return seal(ContentType.CLOSE, code, 2, out, now);
            }
            if (state != State.OPEN) {
                return 0;
            }
            boolean ackNow = ackPending && (ackElicitingSinceAck >= 2 && ackElicitingBytes >= RecordLayer.MAX_RECORD
                    || now >= ackDeadline);
            // a packet goes out once the window has room for a small one, sized to the room up to the path's size
            long room = Math.min(cc.room(), maxRecord);
            boolean mayData = peerConfirmed && room >= RecordLayer.MAX_RECORD;
            boolean hasData = mayData && hasPendingData();
            if (!ackNow && !hasData) {
                if (!sentAnything || now - lastSend >= config.keepaliveInterval().toNanos()) {
                    return seal(ContentType.KEEPALIVE, payload, 0, out, now);
                }
                return 0;
            }
            int budget = (int) (mayData ? room : RecordLayer.MAX_RECORD) - RecordLayer.OVERHEAD;
            ByteBuffer frames = ByteBuffer.wrap(payload, 0, budget);
            if (ackPending) {
                writeAck(frames, now);
            }
            List<long[]> streams = new ArrayList<>(4);
            List<Integer> windows = new ArrayList<>(1);
            if (mayData) {
                for (int ch = 0; ch < windowPending.length && frames.remaining() >= 11; ch++) {
                    if (windowPending[ch]) {
                        windowPending[ch] = false;
                        frames.put((byte) FRAME_WINDOW).putShort((short) ch).putLong(receive[ch].advertised());
                        windows.add(ch);
                    }
                }
                writeStreams(frames, streams);
            }
            long number = records.nextSendCounter();
            int n = seal(ContentType.DATA, payload, frames.position(), out, now);
            if (!streams.isEmpty() || !windows.isEmpty()) {
                sent.put(number, new SentPacket(now, n, streams, windows));
                cc.onSent(n);
                lastAckElicitingSent = now;
            }
            return n;
        } catch (RecordException e) {
            fail("cannot seal records any more: " + e.getMessage());
            return 0;
        }
    }

    /** The time {@link #onTimeout} (and then {@link #poll}) should run next; Long.MAX_VALUE for never. */
    public long nextTimeout() {
        if (state == State.CLOSED || state == State.FAILED) {
            return Long.MAX_VALUE;
        }
        long t = lastReceive + config.idleTimeout().toNanos();
        if (state == State.CLOSING) {
            return Math.min(t, closeDeadline);
        }
        t = Math.min(t, lastSend + config.keepaliveInterval().toNanos());
        if (ackPending) {
            t = Math.min(t, ackDeadline);
        }
        if (!sent.isEmpty()) {
            t = Math.min(t, lastAckElicitingSent + rtt.rto(backoff));
            long pto = probeTimeout();
            if (pto > 0) {
                t = Math.min(t, lastAckElicitingSent + pto);
            }
            Map.Entry<Long, SentPacket> oldest = sent.firstEntry();
            if (oldest.getKey() < largestAcked && rtt.hasSample()) {
                t = Math.min(t, oldest.getValue().time() + lossDelay());
            }
        }
        return t;
    }

    /** Runs the timers due at {@code now}: idle timeout, retransmission timeout, close resends. */
    public void onTimeout(long now) {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        if (now - lastReceive >= config.idleTimeout().toNanos()) {
            fail("no valid record from the peer for " + config.idleTimeout().toSeconds() + " s");
            return;
        }
        if (state == State.CLOSING && now >= closeDeadline) {
            if (closeSends >= 3) {
                state = State.CLOSED;
            } else {
                closeToSend = true;
            }
            return;
        }
        detectLosses(now);
        long pto = probeTimeout();
        if (!sent.isEmpty() && pto > 0 && now >= lastAckElicitingSent + pto) {
            // tail-loss probe: resend the newest unacknowledged packet's data so the peer's ACK reveals any loss
            // before it; the window is not cut (RFC 9002's PTO, which has no 30 ms floor)
            probes++;
            Map.Entry<Long, SentPacket> newest = sent.pollLastEntry();
            long number = newest.getKey();
            SentPacket p = newest.getValue();
            cc.onDiscarded(p.size());
            requeue(number, p);
            lastAckElicitingSent = now;
            return;
        }
        if (!sent.isEmpty() && now >= lastAckElicitingSent + rtt.rto(backoff)) {
            timeouts++;
            backoff++;
            cc.onTimeout(now);
            // TreeMap reuses an Entry object on removal: read key and value first.
            while (!sent.isEmpty()) {
                Map.Entry<Long, SentPacket> e = sent.pollFirstEntry();
                cc.onDiscarded(e.getValue().size());
                requeue(e.getKey(), e.getValue());
            }
            lastAckElicitingSent = now;
        }
    }

    // ---- internals ----------------------------------------------------------------------------------------------

    private void onData(long number, int length, long now) {
        // A gap (or a packet filling one) is acknowledged at once, so the sender's loss detection runs a trip sooner.
        boolean outOfOrder = number != receivedPackets.highest() + 1;
        receivedPackets.add(number, number + 1);
        while (receivedPackets.size() > MAX_ACK_RANGES) {
            receivedPackets.removeLowest();
        }
        boolean ackEliciting = false;
        ByteBuffer in = ByteBuffer.wrap(plain, P, length);
        try {
            while (in.hasRemaining() && state == State.OPEN) {
                int type = in.get() & 0xff;
                switch (type) {
                    case FRAME_STREAM -> {
                        int ch = in.getShort() & 0xffff;
                        long offset = in.getLong();
                        int len = in.getShort() & 0xffff;
                        boolean fin = in.get() != 0;
                        if (len > in.remaining() || offset < 0) {
                            violation(CLOSE_PROTOCOL_VIOLATION, "STREAM frame longer than its record");
                            return;
                        }
                        if (ch >= receive.length) {
                            violation(CLOSE_UNKNOWN_CHANNEL, "peer sent data on channel " + ch + ", but ids run to "
                                    + (receive.length - 1));
                            return;
                        }
                        if (!receiveStream(ch).onFrame(offset, plain, in.position(), len, fin)) {
                            violation(CLOSE_PROTOCOL_VIOLATION, "peer exceeded the flow-control window on channel " + ch);
                            return;
                        }
                        in.position(in.position() + len);
                        ackEliciting = true;
                    }
                    case FRAME_ACK -> onAck(in, now);
                    case FRAME_WINDOW -> {
                        int ch = in.getShort() & 0xffff;
                        long max = in.getLong();
                        if (ch >= send.length) {
                            violation(CLOSE_UNKNOWN_CHANNEL, "peer granted a window on channel " + ch);
                            return;
                        }
                        sendStream(ch).grant(max);
                        ackEliciting = true;
                    }
                    default -> {
                        violation(CLOSE_PROTOCOL_VIOLATION, "unknown frame type " + type);
                        return;
                    }
                }
            }
        } catch (BufferUnderflowException e) {
            violation(CLOSE_PROTOCOL_VIOLATION, "truncated frame");
            return;
        }
        if (ackEliciting) {
            if (!ackPending) {
                ackDeadline = now + config.ackDelay().toNanos();
                oldestUnacked = now;
            }
            if (outOfOrder) {
                ackDeadline = now;
            }
            ackPending = true;
            ackElicitingSinceAck++;
            ackElicitingBytes += length;
        }
    }

    private void onAck(ByteBuffer in, long now) {
        long largest = in.getLong();
        long delayNanos = (in.getInt() & 0xffffffffL) * 1000;
        int count = in.get() & 0xff;
        if (count > MAX_ACK_RANGES) {
            violation(CLOSE_PROTOCOL_VIOLATION, "ACK frame with " + count + " ranges");
            return;
        }
        boolean sampled = false;
        for (int i = 0; i < count; i++) {
            long start = in.getLong();
            long end = in.getLong();
            if (end < start || end > largest) {
                violation(CLOSE_PROTOCOL_VIOLATION, "malformed ACK range");
                return;
            }
            for (Iterator<Map.Entry<Long, SentPacket>> it = sent.subMap(start, true, end, true).entrySet().iterator();
                 it.hasNext(); ) {
                Map.Entry<Long, SentPacket> e = it.next();
                long number = e.getKey();
                SentPacket p = e.getValue();
                it.remove();
                if (number == largest && !sampled) {
                    rtt.sample(Math.max(1, now - p.time() - Math.min(delayNanos, config.ackDelay().toNanos())));
                    sampled = true;
                }
                cc.onAcked(p.size(), p.time());
                markAcked(p);
                backoff = 0;
                probes = 0;
            }
            for (Iterator<SentPacket> it = declaredLost.subMap(start, true, end, true).values().iterator();
                 it.hasNext(); ) {
                SentPacket late = it.next();
                it.remove();
                markAcked(late);
            }
        }
        largestAcked = Math.max(largestAcked, largest);
        detectLosses(now);
    }

    private void detectLosses(long now) {
        long lossDelay = rtt.hasSample() ? lossDelay() : Long.MAX_VALUE;
        for (Iterator<Map.Entry<Long, SentPacket>> it = sent.headMap(largestAcked, false).entrySet().iterator();
             it.hasNext(); ) {
            Map.Entry<Long, SentPacket> e = it.next();
            long number = e.getKey();
            SentPacket p = e.getValue();
            if (largestAcked - number >= 3 || now - p.time() >= lossDelay) {
                it.remove();
                packetsLost++;
                cc.onLost(p.size(), p.time(), now);
                requeue(number, p);
            }
        }
    }

    /**
     * When a tail-loss probe is due after the last ack-eliciting packet: SRTT + max(1 ms, 4 RTTVAR) + the peer's ACK
     * delay, while fewer than {@link #MAX_PROBES} probes went unanswered and it comes before the retransmission
     * timeout; 0 for no probe.
     */
    private long probeTimeout() {
        if (!rtt.hasSample() || probes >= MAX_PROBES) {
            return 0;
        }
        long pto = rtt.probeTimeout();
        return pto < rtt.rto(backoff) ? pto : 0;
    }

    /** RFC 9002's time threshold: 9/8 of the larger of the smoothed and the latest RTT, at least 1 ms. */
    private long lossDelay() {
        return Math.max(1_000_000L, Math.max(rtt.smoothed(), rtt.latest()) * 9 / 8);
    }

    private void requeue(long number, SentPacket p) {
        for (long[] s : p.streams()) {
            send[(int) s[0]].onLost(s[1], (int) s[2], s[3] == 1);
        }
        for (int ch : p.windows()) {
            windowPending[ch] = true;
        }
        declaredLost.put(number, p);
        if (declaredLost.size() > MAX_DECLARED_LOST) {
            declaredLost.pollFirstEntry();
        }
    }

    private void markAcked(SentPacket p) {
        for (long[] s : p.streams()) {
            send[(int) s[0]].onAcked(s[1], (int) s[2], s[3] == 1);
        }
    }

    private void writeAck(ByteBuffer frames, long now) {
        int count = Math.min(receivedPackets.size(), MAX_ACK_RANGES);
        frames.put((byte) FRAME_ACK).putLong(receivedPackets.highest())
                .putInt((int) Math.min(0xffffffffL, Math.max(0, now - oldestUnacked) / 1000))
                .put((byte) count);
        int i = 0;
        for (Map.Entry<Long, Long> r : receivedPackets.descending()) {
            if (i++ == count) {
                break;
            }
            frames.putLong(r.getKey()).putLong(r.getValue() - 1);
        }
        ackPending = false;
        ackElicitingSinceAck = 0;
        ackElicitingBytes = 0;
        ackDeadline = Long.MAX_VALUE;
    }

    private void writeStreams(ByteBuffer frames, List<long[]> streams) {
        int channels = send.length;
        for (int i = 0; i < channels && frames.remaining() > STREAM_HEADER; i++) {
            int ch = (roundRobin + i) % channels;
            SendStream s = send[ch];
            while (s != null && s.hasPending() && frames.remaining() > STREAM_HEADER) {
                long[] r = s.next(frames.remaining() - STREAM_HEADER);
                if (r == null) {
                    break;
                }
                int len = (int) r[1];
                frames.put((byte) FRAME_STREAM).putShort((short) ch).putLong(r[0]).putShort((short) len)
                        .put((byte) r[2]);
                s.copy(r[0], len, payload, frames.position());
                frames.position(frames.position() + len);
                streams.add(new long[] {ch, r[0], len, r[2]});
            }
        }
        roundRobin = (roundRobin + 1) % channels;
    }

    private boolean hasPendingData() {
        for (int ch = 0; ch < send.length; ch++) {
            if (windowPending[ch] || (send[ch] != null && send[ch].hasPending())) {
                return true;
            }
        }
        return false;
    }

    private int seal(ContentType type, byte[] body, int length, byte[] out, long now) throws RecordException {
        int n = records.seal(type, body, 0, length, out);
        recordsSent++;
        sentAnything = true;
        lastSend = now;
        return n;
    }

    private void onClose(int code) {
        peerCloseCode = code;
        if (state == State.OPEN) {
            closeCode = CLOSE_NORMAL;
            closeToSend = true;
        }
        state = State.CLOSED;
    }

    private void violation(int code, String why) {
        closeCode = code;
        closeToSend = true;
        fail(why);
    }

    private void fail(String why) {
        failure = why;
        state = State.FAILED;
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the session is " + state + (failure == null ? "" : " (" + failure + ")"));
        }
    }

    private void checkChannel(int channel) {
        if (channel < 0 || channel >= send.length) {
            throw new UnknownChannelException(channel, send.length);
        }
    }

    private SendStream sendStream(int channel) {
        checkChannel(channel);
        if (send[channel] == null) {
            send[channel] = new SendStream(config.sendBuffer(), CHANNEL_WINDOW);
        }
        return send[channel];
    }

    private ReceiveStream receiveStream(int channel) {
        if (receive[channel] == null) {
            receive[channel] = new ReceiveStream(CHANNEL_WINDOW);
        }
        return receive[channel];
    }
}
