package dev.parley.session.link;

import dev.parley.nat.link.CandidateBlob;
import dev.parley.nat.link.RelayEndpoint;
import dev.parley.nat.relay.RelayToken;
import dev.parley.nat.relay.RelayTokenException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the initiator's handshake carries for the path: its ICE candidate blob and, when it allocated a relay at its
 * mediator, the peer's half of the allocation (relay URL and the token that names the peer as holder). It travels
 * only inside the first Noise message, which is encrypted to the responder's static key, so only the responder sees
 * the token.
 *
 * <p>Wire form v1: {@code "PP" | 0x01 | flags (bit 0: relay) | candLen(2) candidates | [urlLen(2) url | tokenLen(2)
 * token]}. A blob starting with nat-traversal's {@code "PL"} is a bare candidate blob (a peer without a relay) and
 * decodes as such. Decoding is strict: bounded lengths, no trailing bytes. Immutable.
 */
public record PathOffer(byte[] candidates, Optional<RelayEndpoint> peerRelay) {
    /** Longest relay URL carried; a real one is a few dozen bytes. */
    public static final int MAX_URL_BYTES = 512;
    /** Upper bound of an encoded offer; within the handshake's candidate payload. */
    public static final int MAX_BYTES = 8 + CandidateBlob.MAX_BYTES + MAX_URL_BYTES + RelayToken.MAX_ENCODED_LENGTH;
    private static final byte VERSION = 1;

    public PathOffer {
        if (candidates.length == 0 || candidates.length > CandidateBlob.MAX_BYTES) {
            throw new IllegalArgumentException("candidate blob must be 1.." + CandidateBlob.MAX_BYTES + " bytes, got "
                    + candidates.length);
        }
        candidates = candidates.clone();
        peerRelay.ifPresent(r -> {
            if (r.uri().toString().getBytes(StandardCharsets.UTF_8).length > MAX_URL_BYTES) {
                throw new IllegalArgumentException("relay URL longer than " + MAX_URL_BYTES + " bytes");
            }
        });
    }

    @Override
    public byte[] candidates() {
        return candidates.clone();
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(MAX_BYTES);
        b.put((byte) 'P').put((byte) 'P').put(VERSION).put((byte) (peerRelay.isPresent() ? 1 : 0));
        b.putShort((short) candidates.length).put(candidates);
        peerRelay.ifPresent(r -> {
            byte[] url = r.uri().toString().getBytes(StandardCharsets.UTF_8);
            byte[] token = r.token().encode();
            b.putShort((short) url.length).put(url).putShort((short) token.length).put(token);
        });
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    /**
     * Reads an offer from the peer: this form, or a bare candidate blob.
     *
     * @throws PathSetupException naming what is malformed
     */
    public static PathOffer decode(byte[] data) throws PathSetupException {
        if (data.length >= 2 && data[0] == 'P' && data[1] == 'L') {
            return new PathOffer(data, Optional.empty());
        }
        if (data.length > MAX_BYTES) {
            throw new PathSetupException("path offer of " + data.length + " bytes exceeds " + MAX_BYTES, null);
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            if (b.get() != 'P' || b.get() != 'P') {
                throw new PathSetupException("not a Parley path offer (neither \"PP\" nor a \"PL\" candidate blob)",
                        null);
            }
            int version = b.get();
            if (version != VERSION) {
                throw new PathSetupException("path offer version " + version + " is not supported (this build reads "
                        + VERSION + "); upgrade the older peer", null);
            }
            int flags = b.get();
            if ((flags & ~1) != 0) {
                throw new PathSetupException("path offer has unknown flags " + flags, null);
            }
            byte[] candidates = field(b, CandidateBlob.MAX_BYTES, "candidate blob");
            Optional<RelayEndpoint> relay = Optional.empty();
            if ((flags & 1) != 0) {
                URI url = new URI(new String(field(b, MAX_URL_BYTES, "relay URL"), StandardCharsets.UTF_8));
                RelayToken token = RelayToken.decode(field(b, RelayToken.MAX_ENCODED_LENGTH, "relay token"));
                relay = Optional.of(new RelayEndpoint(url, token));
            }
            if (b.hasRemaining()) {
                throw new PathSetupException("path offer has " + b.remaining() + " trailing bytes", null);
            }
            return new PathOffer(candidates, relay);
        } catch (BufferUnderflowException e) {
            throw new PathSetupException("path offer is truncated at byte " + b.position(), e);
        } catch (URISyntaxException | RelayTokenException | IllegalArgumentException e) {
            throw new PathSetupException("path offer's relay is malformed: " + e.getMessage(), e);
        }
    }

    private static byte[] field(ByteBuffer b, int max, String what) throws PathSetupException {
        int len = b.getShort() & 0xFFFF;
        if (len == 0 || len > max) {
            throw new PathSetupException("path offer's " + what + " of " + len + " bytes is out of range 1.." + max,
                    null);
        }
        byte[] out = new byte[len];
        b.get(out);
        return out;
    }

    @Override
    public String toString() {
        return "PathOffer[" + candidates.length + " candidate bytes, relay="
                + peerRelay.map(r -> r.uri().toString() + " (token redacted)").orElse("none") + "]";
    }
}
