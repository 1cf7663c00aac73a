package dev.parley.didcomm.envelope;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link DidCommPacker#pack} should produce. Immutable; invalid combinations cannot be built.
 *
 * @param mode plain, signed, anoncrypt or authcrypt
 * @param encryption content encryption for anoncrypt (authcrypt always uses A256CBC-HS512)
 * @param options extra layers: {@link PackOption#SIGN}, {@link PackOption#PROTECT_SENDER}, {@link PackOption#FORWARD}
 */
public record PackOptions(Mode mode, ContentEncryption encryption, Set<PackOption> options) {

    public PackOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(encryption, "encryption");
        options = options.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(options));
        boolean encrypted = mode == Mode.ANONCRYPT || mode == Mode.AUTHCRYPT;
        if (!encrypted && !options.isEmpty()) {
            throw new IllegalArgumentException("options " + options + " need an encrypted mode, not " + mode);
        }
        if (mode == Mode.AUTHCRYPT && encryption != ContentEncryption.A256CBC_HS512) {
            throw new IllegalArgumentException("authcrypt (ECDH-1PU) requires A256CBC-HS512, not "
                    + encryption.wireName());
        }
        if (options.contains(PackOption.PROTECT_SENDER) && mode != Mode.AUTHCRYPT) {
            throw new IllegalArgumentException("PROTECT_SENDER only makes sense with authcrypt");
        }
    }

    public static PackOptions plain() {
        return new PackOptions(Mode.PLAIN, ContentEncryption.A256CBC_HS512, Set.of());
    }

    public static PackOptions signed() {
        return new PackOptions(Mode.SIGNED, ContentEncryption.A256CBC_HS512, Set.of());
    }

    public static PackOptions anoncrypt(ContentEncryption enc, PackOption... options) {
        return new PackOptions(Mode.ANONCRYPT, enc, Set.of(options));
    }

    public static PackOptions authcrypt(PackOption... options) {
        return new PackOptions(Mode.AUTHCRYPT, ContentEncryption.A256CBC_HS512, Set.of(options));
    }

    public boolean has(PackOption o) {
        return options.contains(o);
    }
}
