package dev.parley.mpc.program;

import dev.parley.mpc.ProgramMismatchException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * SHA-256 over the canonical encoding of a {@link ProgramDescriptor}:
 * {@code "parley-mpc-program/1"}, name, version (4 bytes big-endian), parameter count, then each key and value,
 * strings as 4-byte length and UTF-8, parameters in key order. The group set-up signs this value into the roster.
 * Immutable.
 */
public final class ProgramFingerprint {

    public static final int BYTES = 32;
    private static final String DOMAIN = "parley-mpc-program/1";
    private final byte[] digest;
    private final String label;

    private ProgramFingerprint(byte[] digest, String label) {
        this.digest = digest;
        this.label = label;
    }

    public static ProgramFingerprint of(ProgramDescriptor d) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, DOMAIN);
            writeString(out, d.name());
            out.writeInt(d.version());
            out.writeInt(d.parameters().size());
            for (Map.Entry<String, String> e : d.parameters().entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        try {
            return new ProgramFingerprint(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()),
                    d.name() + " v" + d.version());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** A fingerprint received from a peer (no descriptor known). */
    public static ProgramFingerprint fromBytes(byte[] digest) {
        if (digest.length != BYTES) {
            throw new IllegalArgumentException("a program fingerprint has 32 bytes, got " + digest.length);
        }
        return new ProgramFingerprint(digest.clone(), null);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public byte[] bytes() {
        return digest.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    /**
     * @throws ProgramMismatchException naming both fingerprints (and the local program) if they differ
     */
    public void requireSame(ProgramFingerprint other, String otherParty) throws ProgramMismatchException {
        if (!MessageDigest.isEqual(digest, other.digest)) {
            throw new ProgramMismatchException(otherParty + " runs program " + other + " but this party runs "
                    + this + "; all parties must run the same program, version and parameters");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProgramFingerprint f && Arrays.equals(digest, f.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    /** Short hex prefix, with the program name when known. */
    @Override
    public String toString() {
        String shortHex = hex().substring(0, 16);
        return label == null ? shortHex : shortHex + " (" + label + ")";
    }
}
