package dev.parley.didcomm.problem;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A problem code as defined by DIDComm v2 "Problem Codes": {@code sorter.scope.descriptor[.descriptor...]},
 * lower kebab-case tokens, for example {@code e.p.trust.crypto}.
 *
 * <p>Immutable; validated on construction so an ill-formed code cannot exist.
 *
 * @param sorter {@link Sorter#ERROR} ({@code e}) or {@link Sorter#WARNING} ({@code w})
 * @param scope {@code p} (protocol), {@code m} (message) or a state name of the sender's state machine
 * @param descriptors one or more descriptor tokens, general to specific
 */
public record ProblemCode(Sorter sorter, String scope, List<String> descriptors) {

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_LENGTH = 256;

    /** Whether the consequences of the problem are clear (error) or need judgment (warning). */
    public enum Sorter {
        ERROR("e"), WARNING("w");

        private final String token;

        Sorter(String token) {
            this.token = token;
        }

        /** The single-character token used on the wire. */
        public String token() {
            return token;
        }
    }

    public ProblemCode {
        Objects.requireNonNull(sorter, "sorter");
        Objects.requireNonNull(scope, "scope");
        descriptors = List.copyOf(descriptors);
        if (!TOKEN.matcher(scope).matches()) {
            throw new IllegalArgumentException("problem code scope must be lower kebab-case, got '" + scope + "'");
        }
        if (descriptors.isEmpty()) {
            throw new IllegalArgumentException("a problem code needs at least one descriptor after the scope");
        }
        for (String d : descriptors) {
            if (!TOKEN.matcher(d).matches()) {
                throw new IllegalArgumentException("problem code descriptor must be lower kebab-case, got '" + d + "'");
            }
        }
    }

    /** Error with protocol scope ({@code e.p.<descriptors>}), the usual code for a rejected message. */
    public static ProblemCode protocolError(String dottedDescriptors) {
        return new ProblemCode(Sorter.ERROR, "p", List.of(dottedDescriptors.split("\\.", -1)));
    }

    /** Error with message scope ({@code e.m.<descriptors>}): only the offending message is rejected. */
    public static ProblemCode messageError(String dottedDescriptors) {
        return new ProblemCode(Sorter.ERROR, "m", List.of(dottedDescriptors.split("\\.", -1)));
    }

    /**
     * Parses a code received from a peer.
     *
     * @throws IllegalArgumentException naming what is wrong when the text is not a well-formed code
     */
    public static ProblemCode parse(String code) {
        if (code == null || code.isEmpty() || code.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("problem code must be 1.." + MAX_LENGTH + " characters");
        }
        String[] parts = code.split("\\.", -1);
        if (parts.length < 3) {
            throw new IllegalArgumentException("problem code '" + code + "' needs sorter, scope and a descriptor");
        }
        Sorter sorter = switch (parts[0]) {
            case "e" -> Sorter.ERROR;
            case "w" -> Sorter.WARNING;
            default -> throw new IllegalArgumentException(
                    "problem code sorter must be 'e' or 'w', got '" + parts[0] + "'");
        };
        return new ProblemCode(sorter, parts[1], List.of(parts).subList(2, parts.length));
    }

    /** True when this code equals {@code prefix} or extends it token-wise (recipients match by prefix). */
    public boolean hasPrefix(String prefix) {
        String s = toString();
        return s.equals(prefix) || s.startsWith(prefix + ".");
    }

    @Override
    public String toString() {
        return sorter.token() + "." + scope + "." + String.join(".", descriptors);
    }
}
