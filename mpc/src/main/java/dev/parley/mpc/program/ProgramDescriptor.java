package dev.parley.mpc.program;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a party agrees to run: a program name, a version and its parameters (for instance the integer type or batch
 * sizes). Two parties run the same computation exactly when their descriptors, hence fingerprints, are equal.
 *
 * @param name       lower-case identifier, 1..64 characters of [a-z0-9-]
 * @param version    positive; bump it whenever the program's messages or results change
 * @param parameters string keys and values, kept sorted so the canonical encoding is unique
 */
public record ProgramDescriptor(String name, int version, SortedMap<String, String> parameters) {

    public ProgramDescriptor {
        if (name == null || !name.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("program name must be 1..64 characters of [a-z0-9-], got " + name);
        }
        if (version < 1) {
            throw new IllegalArgumentException("program version must be positive, got " + version);
        }
        parameters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        if (parameters.size() > 64) {
            throw new IllegalArgumentException("at most 64 parameters, got " + parameters.size());
        }
    }

    public static ProgramDescriptor of(String name, int version, Map<String, String> parameters) {
        return new ProgramDescriptor(name, version, new TreeMap<>(parameters));
    }

    public ProgramFingerprint fingerprint() {
        return ProgramFingerprint.of(this);
    }

    @Override
    public String toString() {
        return name + " v" + version + (parameters.isEmpty() ? "" : " " + parameters);
    }
}
