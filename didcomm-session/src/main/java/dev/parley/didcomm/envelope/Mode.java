package dev.parley.didcomm.envelope;

import java.util.Locale;

/** How a message is packed: the CLI's {@code --mode plain|signed|anoncrypt|authcrypt}. */
public enum Mode {
    PLAIN, SIGNED, ANONCRYPT, AUTHCRYPT;

    /** Parses the CLI spelling, case-insensitively. */
    public static Mode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown mode '" + s + "'; use plain, signed, anoncrypt or authcrypt", e);
        }
    }
}
