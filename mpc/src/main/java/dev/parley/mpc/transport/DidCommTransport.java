package dev.parley.mpc.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.didcomm.message.Message;
import dev.parley.mpc.MpcException;
import dev.parley.mpc.PartyUnreachableException;
import dev.parley.mpc.ProtocolViolationException;
import dev.parley.mpc.TransportException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The MPC transport where every round message is its own DIDComm v2 message, authcrypted to the peer and forwarded
 * through the mediator: what the computation would cost without the session upgrade, kept to measure that upgrade
 * against (docs/benchmarks/mpc.md). Correct but slow: each message is an ECDH-1PU envelope, an HTTP post and a
 * WebSocket delivery.
 *
 * <p>Messages are {@value #ROUND} in thread {@code runId} with body {@code {"round": r, "payload": base64url}};
 * {@link #close()} sends {@value #LEAVE} with the last round sent to each peer, whose receives for later rounds then
 * report {@link PartyUnreachableException}. The mediator may deliver out of order, so later rounds are held (bounded)
 * and a round already passed or a repeated one is a {@link ProtocolViolationException}. Senders are recognised by the authenticated {@code from} of
 * authcrypt. The caller owns the mailbox, which must admit this protocol ({@link #mailboxSettings}); the transport
 * only takes its own run's messages out of it. Thread-safety as {@link Transport}.
 */
public final class DidCommTransport implements Transport {

    /** The protocol of round messages. */
    public static final String PIURI = "https://parley.dev/protocols/mpc-rounds/1.0";
    public static final String ROUND = PIURI + "/round";
    public static final String LEAVE = PIURI + "/leave";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final int self;
    private final int parties;
    private final String runId;
    private final MediatorMailbox mailbox;
    private final String[] dids;
    private final int maxMessageBytes;
    private final int maxHeldRounds;
    private final SecureRandom random;
    private final Peer[] peers;
    private volatile boolean closed;

    /** The rounds one peer sent ahead, the last round sent to it, and the last round it sent before leaving. */
    private static final class Peer {
        final TreeMap<Long, byte[]> held = new TreeMap<>();
        long lastSent = -1;
        long leftAfter = Long.MAX_VALUE;
    }

    private DidCommTransport(int self, String runId, MediatorMailbox mailbox, String[] dids, int maxMessageBytes,
                             int maxHeldRounds, SecureRandom random) {
        this.self = self;
        this.parties = dids.length - 1;
        this.runId = runId;
        this.mailbox = mailbox;
        this.dids = dids;
        this.maxMessageBytes = maxMessageBytes;
        this.maxHeldRounds = maxHeldRounds;
        this.random = random;
        this.peers = new Peer[dids.length];
        for (int j = 1; j <= parties; j++) {
            peers[j] = new Peer();
        }
    }

    /**
     * Mailbox settings that admit this protocol, live delivery on, holding {@code capacity} messages (at least
     * n - 1 per round in flight).
     */
    public static MediatorMailbox.Settings mailboxSettings(int capacity, Consumer<String> warnings) {
        return MediatorMailbox.Settings.forProtocol(PIURI, warnings).withCapacity(capacity).withLive(true);
    }

    /**
     * @param self            this party's index
     * @param dids            the DID of party i at index i-1 (this party's own DID at index self-1)
     * @param runId           names this run: every party passes the same, so runs sharing a mailbox stay apart
     * @param maxMessageBytes largest payload sent or accepted
     */
    public static DidCommTransport over(int self, List<String> dids, String runId, MediatorMailbox mailbox,
                                        int maxMessageBytes, SecureRandom random) {
        int n = dids.size();
        if (n < 2 || self < 1 || self > n) {
            throw new IllegalArgumentException("need n >= 2 and self in 1..n, got self " + self + " of " + n);
        }
        if (!dids.get(self - 1).equals(mailbox.did())) {
            throw new IllegalArgumentException("party " + self + "'s DID is " + dids.get(self - 1)
                    + " but the mailbox belongs to " + mailbox.did());
        }
        String[] byIndex = new String[n + 1];
        for (int i = 1; i <= n; i++) {
            byIndex[i] = dids.get(i - 1);
        }
        return new DidCommTransport(self, runId, mailbox, byIndex, maxMessageBytes, 8, random);
    }

    @Override
    public int self() {
        return self;
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public void send(int to, long round, byte[] payload) throws MpcException {
        TransportGuards.checkSend(self, parties, closed, to, round, payload.length, maxMessageBytes);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("round", round).put("payload",
                B64.encodeToString(payload));
        try {
            mailbox.send(message(ROUND, to, body));
            peers[to].lastSent = Math.max(peers[to].lastSent, round);
        } catch (IOException e) {
            throw new TransportException("sending round " + round + " to party " + to + " through the mediator failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public byte[] receive(int from, long round, Duration timeout) throws MpcException {
        TransportGuards.checkReceive(self, parties, closed, from, round);
        Peer peer = peers[from];
        byte[] held = peer.held.remove(round);
        if (held != null) {
            return held;
        }
        if (round > peer.leftAfter) {
            throw left(from, round);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String did = dids[from];
        while (true) {
            Optional<Message> next;
            try {
                long left = deadline - System.nanoTime();
                next = left <= 0 ? Optional.empty() : mailbox.next(m -> runId.equals(m.threadId())
                        && did.equals(m.from()), Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while waiting for party " + from + " in round " + round);
            }
            if (next.isEmpty()) {
                throw new PartyUnreachableException(from, round, "party " + from + " sent nothing for round " + round
                        + " within " + Inbox.human(timeout));
            }
            Message m = next.get();
            long got = roundOf(m, from, round);
            if (m.type().equals(LEAVE)) {
                // the mediator may deliver the leave before the peer's last rounds: those are still awaited
                peer.leftAfter = got;
                if (round > got) {
                    throw left(from, round);
                }
                continue;
            }
            if (got < round || peer.held.containsKey(got)) {
                throw new ProtocolViolationException(from, round, "party " + from + " sent a message for round " + got
                        + " while this party expected round " + round + " (rounds only move forward)");
            }
            byte[] payload = payloadOf(m, from, round);
            if (got == round) {
                return payload;
            }
            if (peer.held.size() >= maxHeldRounds) {
                throw new ProtocolViolationException(from, round, "party " + from + " ran more than " + maxHeldRounds
                        + " rounds ahead (round " + got + " while this party waits for round " + round + ")");
            }
            peer.held.put(got, payload);
        }
    }

    private static PartyUnreachableException left(int from, long round) {
        return new PartyUnreachableException(from, round, "party " + from + " left before round " + round
                + " (it closed its transport)");
    }

    private long roundOf(Message m, int from, long round) throws ProtocolViolationException {
        JsonNode r = m.body().get("round");
        if (!(m.type().equals(ROUND) || m.type().equals(LEAVE)) || r == null || !r.isIntegralNumber() || !r.canConvertToLong()) {
            throw new ProtocolViolationException(from, round, "party " + from + " sent a " + m.type()
                    + " without an integer round while this party waits for round " + round);
        }
        return r.asLong();
    }

    private byte[] payloadOf(Message m, int from, long round) throws ProtocolViolationException {
        JsonNode p = m.body().get("payload");
        try {
            if (p == null || !p.isTextual()) {
                throw new IllegalArgumentException("no payload text");
            }
            byte[] b = B64D.decode(p.asText());
            if (b.length > maxMessageBytes) {
                throw new IllegalArgumentException(b.length + " bytes, above the limit of " + maxMessageBytes);
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolationException(from, round, "party " + from + " sent a malformed payload for round "
                    + round + ": " + e.getMessage());
        }
    }

    private Message message(String type, int to, JsonNode body) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Message.builder(HexFormat.of().formatHex(id), type).from(dids[self]).to(List.of(dids[to]))
                .thid(runId).body(body).build();
    }

    /** Tells each peer this party has left (best effort: a peer that cannot be told times out instead). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int j = 1; j <= parties; j++) {
            if (j != self) {
                try {
                    mailbox.send(message(LEAVE, j, JsonNodeFactory.instance.objectNode().put("round",
                            peers[j].lastSent)));
                } catch (IOException e) {
                    // the peer then sees a round timeout instead of the departure; nothing else depends on it
                }
            }
        }
    }
}
