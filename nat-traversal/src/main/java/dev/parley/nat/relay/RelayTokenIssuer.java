package dev.parley.nat.relay;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies relay tokens with the relay's secret. The mediator calls
 * {@link #allocate} when two peers ask for a relay; the relay calls {@link #verify} on attach.
 * Thread safe.
 */
public final class RelayTokenIssuer {
    private final RelaySecret secret;
    private final Clock clock;
    private final SecureRandom random;

    /** Both tokens of one allocation; each peer gets only its own. */
    public record RelayAllocation(RelayToken first, RelayToken second) {
    }

    public RelayTokenIssuer(RelaySecret secret, Clock clock, SecureRandom random) {
        this.secret = secret;
        this.clock = clock;
        this.random = random;
    }

    /** A fresh allocation joining {@code peerA} and {@code peerB}, valid for {@code ttl} (whole seconds). */
    public RelayAllocation allocate(String peerA, String peerB, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("allocation lifetime must be positive");
        }
        byte[] id = new byte[RelayToken.ALLOCATION_ID_LENGTH];
        random.nextBytes(id);
        Instant expiry = Instant.ofEpochSecond(clock.instant().plus(ttl).getEpochSecond());
        return new RelayAllocation(sign(id, peerA, peerB, expiry), sign(id, peerB, peerA, expiry));
    }

    RelayToken sign(byte[] allocationId, String holder, String peer, Instant expiry) {
        RelayToken.requirePeerId(holder);
        RelayToken.requirePeerId(peer);
        return new RelayToken(allocationId, holder, peer, expiry,
                mac(RelayToken.signedPart(allocationId, holder, peer, expiry)));
    }

    /** Checks the MAC in constant time, then the expiry against the clock. */
    public void verify(RelayToken token) throws RelayTokenException {
        if (!macValid(token)) {
            throw new RelayTokenException("relay token MAC is invalid: not issued by this relay's secret, or altered");
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            throw new RelayTokenException("relay token expired at " + token.expiresAt() + "; ask the mediator for a new one");
        }
    }

    boolean macValid(RelayToken token) {
        return MessageDigest.isEqual(mac(token.signedPart()), token.mac());
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.keyBytes(), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide HmacSHA256", e);
        }
    }
}
