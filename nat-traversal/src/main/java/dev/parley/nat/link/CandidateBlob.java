package dev.parley.nat.link;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one peer tells the other to start ICE: credentials and candidates, as a small versioned
 * binary blob that the caller carries (later inside DIDComm) without looking into it.
 *
 * <p>Wire form v1: {@code "PL" | 0x01 | ufragLen ufrag | pwdLen pwd | count |
 * count x (type | family 4/6 | address | port(2) | priority(4) | foundationLen foundation)}.
 * Decoding is strict: at most {@link #MAX_BYTES} bytes, {@link #MAX_CANDIDATES} candidates,
 * ICE-char credentials of RFC 8445 lengths, no trailing bytes. Immutable.
 */
public record CandidateBlob(String ufrag, String password, List<Candidate> candidates) {
    public static final int MAX_BYTES = 1024;
    public static final int MAX_CANDIDATES = 16;
    public static final int VERSION = 1;
    private static final Pattern ICE_CHARS = Pattern.compile("[A-Za-z0-9+/]+");

    /** One candidate: type (never {@link PathType#RELAY}: the relay is not an ICE candidate here). */
    public record Candidate(PathType type, InetSocketAddress address, long priority, String foundation) {
        public Candidate {
            if (type == PathType.RELAY) {
                throw new IllegalArgumentException("relay paths are not exchanged as ICE candidates");
            }
            if (priority < 0 || priority > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("candidate priority must fit 32 bits");
            }
            if (foundation.isEmpty() || foundation.length() > 32 || !ICE_CHARS.matcher(foundation).matches()) {
                throw new IllegalArgumentException("candidate foundation must be 1-32 ICE characters");
            }
            if (address.isUnresolved() || address.getPort() == 0) {
                throw new IllegalArgumentException("candidate address must be a resolved IP and a non-zero port");
            }
        }
    }

    public CandidateBlob {
        if (ufrag.length() < 4 || ufrag.length() > 32 || !ICE_CHARS.matcher(ufrag).matches()) {
            throw new IllegalArgumentException("ICE ufrag must be 4-32 ICE characters (RFC 8445 section 5.3)");
        }
        if (password.length() < 22 || password.length() > 64 || !ICE_CHARS.matcher(password).matches()) {
            throw new IllegalArgumentException("ICE password must be 22-64 ICE characters (RFC 8445 section 5.3)");
        }
        if (candidates.isEmpty() || candidates.size() > MAX_CANDIDATES) {
            throw new IllegalArgumentException("a blob carries 1-" + MAX_CANDIDATES + " candidates, got " + candidates.size());
        }
        candidates = List.copyOf(candidates);
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(MAX_BYTES);
        b.put((byte) 'P').put((byte) 'L').put((byte) VERSION);
        putText(b, ufrag);
        putText(b, password);
        b.put((byte) candidates.size());
        for (Candidate c : candidates) {
            byte[] ip = c.address().getAddress().getAddress();
            b.put((byte) c.type().ordinal()).put((byte) (ip.length == 4 ? 4 : 6)).put(ip)
                    .putShort((short) c.address().getPort()).putInt((int) c.priority());
            putText(b, c.foundation());
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /**
     * Parses a blob from the peer.
     *
     * @throws LinkException naming the first rule the blob breaks
     */
    public static CandidateBlob decode(byte[] data) throws LinkException {
        if (data.length > MAX_BYTES) {
            throw new LinkException("candidate blob of " + data.length + " bytes exceeds the limit of " + MAX_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            if (b.get() != 'P' || b.get() != 'L') {
                throw new LinkException("not a Parley candidate blob (missing \"PL\" prefix)");
            }
            int version = b.get() & 0xFF;
            if (version != VERSION) {
                throw new LinkException("candidate blob version " + version + " is not supported (this build reads "
                        + VERSION + "); upgrade the peer that is older");
            }
            String ufrag = getText(b);
            String password = getText(b);
            int count = b.get() & 0xFF;
            if (count == 0 || count > MAX_CANDIDATES) {
                throw new LinkException("candidate blob claims " + count + " candidates; allowed 1-" + MAX_CANDIDATES);
            }
            List<Candidate> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int type = b.get() & 0xFF;
                if (type > PathType.PRFLX.ordinal()) {
                    throw new LinkException("candidate " + i + " has unknown type " + type);
                }
                int family = b.get() & 0xFF;
                if (family != 4 && family != 6) {
                    throw new LinkException("candidate " + i + " has unknown address family " + family);
                }
                byte[] ip = new byte[family == 4 ? 4 : 16];
                b.get(ip);
                int port = b.getShort() & 0xFFFF;
                long priority = b.getInt() & 0xFFFFFFFFL;
                String foundation = getText(b);
                list.add(new Candidate(PathType.values()[type],
                        new InetSocketAddress(InetAddress.getByAddress(ip), port), priority, foundation));
            }
            if (b.hasRemaining()) {
                throw new LinkException("candidate blob has " + b.remaining() + " trailing bytes");
            }
            return new CandidateBlob(ufrag, password, list);
        } catch (BufferUnderflowException e) {
            throw new LinkException("candidate blob is truncated at byte " + b.position());
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new LinkException("candidate blob field is invalid: " + e.getMessage());
        }
    }

    private static void putText(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        b.put((byte) bytes.length).put(bytes);
    }

    private static String getText(ByteBuffer b) throws LinkException {
        int len = b.get() & 0xFF;
        if (len > 64) {
            throw new LinkException("candidate blob text field of " + len + " bytes exceeds 64");
        }
        byte[] bytes = new byte[len];
        b.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
