package dev.parley.nat.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A capability to attach to one side of a relay allocation: the allocation id, who holds the
 * token, who the other peer is, the expiry, and an HMAC-SHA256 over all of it by the relay's
 * secret. Possessing it is the authorisation, so it travels only inside encrypted messages.
 *
 * <p>Wire form: {@code version(1)=1 | allocation(16) | expiry epoch seconds(8) | holderLen(1) holder |
 * peerLen(1) peer | mac(32)}. Immutable.
 */
public record RelayToken(byte[] allocationId, String holder, String peer, Instant expiresAt, byte[] mac) {
    public static final int ALLOCATION_ID_LENGTH = 16;
    public static final int MAC_LENGTH = 32;
    public static final int MAX_ENCODED_LENGTH = 1 + 16 + 8 + 2 * (1 + 64) + 32;
    private static final Pattern PEER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final byte VERSION = 1;

    public RelayToken {
        if (allocationId.length != ALLOCATION_ID_LENGTH) {
            throw new IllegalArgumentException("allocation id must be 16 bytes");
        }
        requirePeerId(holder);
        requirePeerId(peer);
        if (holder.equals(peer)) {
            throw new IllegalArgumentException("an allocation joins two different peers, both are " + holder);
        }
        if (mac.length != MAC_LENGTH) {
            throw new IllegalArgumentException("token MAC must be 32 bytes");
        }
        allocationId = allocationId.clone();
        mac = mac.clone();
    }

    static void requirePeerId(String id) {
        if (!PEER_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("relay peer ids are 1-64 characters of [A-Za-z0-9._:-], got '" + id + "'");
        }
    }

    @Override
    public byte[] allocationId() {
        return allocationId.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    public String allocationHex() {
        return HexFormat.of().formatHex(allocationId);
    }

    /** The bytes the MAC covers. */
    byte[] signedPart() {
        return signedPart(allocationId, holder, peer, expiresAt);
    }

    static byte[] signedPart(byte[] allocationId, String holder, String peer, Instant expiresAt) {
        byte[] h = holder.getBytes(StandardCharsets.US_ASCII);
        byte[] p = peer.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(1 + 16 + 8 + 1 + h.length + 1 + p.length).put(VERSION).put(allocationId)
                .putLong(expiresAt.getEpochSecond()).put((byte) h.length).put(h).put((byte) p.length).put(p).array();
    }

    public byte[] encode() {
        byte[] signed = signedPart();
        return ByteBuffer.allocate(signed.length + MAC_LENGTH).put(signed).put(mac).array();
    }

    /** URL-safe text form for configuration files and command lines. */
    public String toBase64() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(encode());
    }

    /** Parses the wire form; does not check the MAC (only the relay can). */
    public static RelayToken decode(byte[] data) throws RelayTokenException {
        if (data.length < 1 + 16 + 8 + 2 + 2 + MAC_LENGTH || data.length > MAX_ENCODED_LENGTH) {
            throw new RelayTokenException("relay token of " + data.length + " bytes has an impossible length");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        if (b.get() != VERSION) {
            throw new RelayTokenException("relay token version " + data[0] + " is not supported (expected 1)");
        }
        byte[] alloc = new byte[16];
        b.get(alloc);
        long expiry = b.getLong();
        String holder = readId(b);
        String peer = readId(b);
        if (b.remaining() != MAC_LENGTH) {
            throw new RelayTokenException("relay token has " + b.remaining() + " bytes where the 32-byte MAC belongs");
        }
        byte[] mac = new byte[MAC_LENGTH];
        b.get(mac);
        try {
            return new RelayToken(alloc, holder, peer, Instant.ofEpochSecond(expiry), mac);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new RelayTokenException("relay token fields are invalid: " + e.getMessage());
        }
    }

    public static RelayToken fromBase64(String text) throws RelayTokenException {
        try {
            return decode(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new RelayTokenException("relay token is not base64url: " + e.getMessage());
        }
    }

    private static String readId(ByteBuffer b) throws RelayTokenException {
        int len = b.get() & 0xFF;
        if (len == 0 || len > 64 || len > b.remaining()) {
            throw new RelayTokenException("relay token peer id length " + len + " is out of range");
        }
        byte[] id = new byte[len];
        b.get(id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelayToken t && Arrays.equals(t.encode(), encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "RelayToken[allocation=" + allocationHex() + ", holder=" + holder + ", peer=" + peer
                + ", expires=" + expiresAt + ", mac=redacted]";
    }
}
