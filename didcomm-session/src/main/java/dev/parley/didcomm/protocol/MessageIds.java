package dev.parley.didcomm.protocol;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;

/** Makes message ids (random UUIDs) from an injected generator so tests are deterministic. Thread-safe. */
public final class MessageIds {

    private final SecureRandom random;

    public MessageIds(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A fresh version-4 UUID string. */
    public String next() {
        byte[] b = new byte[16];
        synchronized (random) {
            random.nextBytes(b);
        }
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(hi, lo).toString();
    }
}
