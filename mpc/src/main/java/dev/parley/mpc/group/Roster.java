package dev.parley.mpc.group;

import dev.parley.mpc.program.ProgramDescriptor;
import dev.parley.mpc.program.ProgramFingerprint;
import dev.parley.session.handshake.AppFingerprint;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Who is in a group and what it computes: the DIDs in party order (index i is {@code parties.get(i - 1)}; the host
 * is party 1), the program, n and t, the group id. Immutable; construction checks sizes and that DIDs are distinct.
 *
 * <p>The canonical bytes are {@code "parley-mpc-roster/1"}, the group id, the host DID, the program fingerprint
 * (32 bytes), n, t, then each DID: strings as 4-byte big-endian length and UTF-8, integers as 4 bytes big-endian.
 * The host signs them; their SHA-256 is the roster hash that every session of the mesh binds.
 */
public record Roster(String groupId, String hostDid, ProgramDescriptor program, int threshold, List<String> parties) {
    private static final String DOMAIN = "parley-mpc-roster/1";
    private static final String MESH_DOMAIN = "parley-mpc-group-mesh/1";

    public Roster {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(program, "program");
        parties = List.copyOf(parties);
        GroupInvitation.requireDid(hostDid, "host");
        GroupInvitation.checkSize(parties.size(), threshold);
        if (!parties.getFirst().equals(hostDid)) {
            throw new IllegalArgumentException("the host must be party 1 of its roster");
        }
        for (String p : parties) {
            GroupInvitation.requireDid(p, "party");
        }
        if (new HashSet<>(parties).size() != parties.size()) {
            throw new IllegalArgumentException("a DID appears twice in the roster");
        }
    }

    /** n. */
    public int size() {
        return parties.size();
    }

    /** The DID of party {@code index} (1..n). */
    public String did(int index) {
        return parties.get(index - 1);
    }

    /** The party index (1..n) of {@code did}, or 0 when it is not in the roster. */
    public int indexOf(String did) {
        return parties.indexOf(did) + 1;
    }

    public ProgramFingerprint fingerprint() {
        return program.fingerprint();
    }

    public byte[] canonicalBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, DOMAIN);
            writeString(out, groupId);
            writeString(out, hostDid);
            out.write(program.fingerprint().bytes());
            out.writeInt(parties.size());
            out.writeInt(threshold);
            for (String p : parties) {
                writeString(out, p);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** SHA-256 of the canonical bytes. */
    public byte[] hash() {
        return sha256(canonicalBytes());
    }

    /**
     * What every session of the mesh binds in its handshake prologue: SHA-256 over a domain label, the roster hash
     * and the program fingerprint. Two parties shown different rosters derive different values and their handshake
     * fails.
     */
    public AppFingerprint meshFingerprint() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(MESH_DOMAIN.getBytes(StandardCharsets.UTF_8));
        b.writeBytes(hash());
        b.writeBytes(program.fingerprint().bytes());
        return AppFingerprint.of(sha256(b.toByteArray()));
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
