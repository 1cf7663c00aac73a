package dev.parley.cli.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private CliRun cli() {
        return new CliRun(home);
    }

    private static void assertOneLineError(CliRun.Result r, int code, String mentions) {
        assertEquals(code, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line expected: " + r.err());
        assertTrue(r.err().startsWith("parley: "), r.err());
        assertTrue(r.err().contains(mentions), "error should mention '" + mentions + "': " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void createPrintsDidKeyAndListShowsIt() {
        CliRun.Result created = cli().run("id", "create", "alice");
        assertEquals(0, created.exitCode(), created.err());
        assertTrue(created.outLine().startsWith("did:key:z6Mk"), created.out());

        CliRun.Result list = cli().run("id", "list");
        assertEquals(0, list.exitCode());
        assertTrue(list.out().contains("alice"), list.out());
        assertTrue(list.out().contains(created.outLine()), list.out());
    }

    @Test
    void createsP256DidKeyAndPeerDid() {
        CliRun.Result p256 = cli().run("id", "create", "bob", "--key", "p256");
        assertEquals(0, p256.exitCode(), p256.err());
        assertTrue(p256.outLine().startsWith("did:key:zDn"), p256.out());

        CliRun.Result peer = cli().run("id", "create", "carol", "--method", "peer");
        assertEquals(0, peer.exitCode(), peer.err());
        assertTrue(peer.outLine().startsWith("did:peer:2."), peer.out());
    }

    @Test
    void peerWithP256IsRefusedWithTheFix() {
        assertOneLineError(cli().run("id", "create", "x", "--method", "peer", "--key", "p256"), 1, "--method key");
    }

    @Test
    void keystoreFileIsPrivate() throws Exception {
        assertEquals(0, cli().run("id", "create", "alice").exitCode());
        Path file = home.resolve("identities/alice.json");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        assertFalse(Files.readString(file).contains("\"d\""), "private key in clear");
    }

    @Test
    void showJsonHasDidDocumentWithKeyAgreement() throws Exception {
        String did = cli().run("id", "create", "alice").outLine();
        CliRun.Result show = cli().run("id", "show", "alice", "--json");
        assertEquals(0, show.exitCode(), show.err());
        JsonNode node = JSON.readTree(show.out());
        assertEquals(did, node.get("did").asText());
        assertEquals("key", node.get("method").asText());
        assertEquals(did, node.at("/didDocument/id").asText());
        assertEquals(1, node.at("/didDocument/keyAgreement").size());
    }

    @Test
    void exportIsPublicByDefaultAndPrivateWithWarning() throws Exception {
        String did = cli().run("id", "create", "alice").outLine();
        CliRun.Result pub = cli().run("id", "export", "alice");
        assertEquals(0, pub.exitCode(), pub.err());
        JsonNode publicKeys = JSON.readTree(pub.out());
        assertEquals(did, publicKeys.get("did").asText());
        assertFalse(publicKeys.at("/keys/0/jwk").has("d"));
        assertTrue(pub.err().isEmpty(), pub.err());

        CliRun.Result priv = cli().run("id", "export", "alice", "--private");
        assertEquals(0, priv.exitCode(), priv.err());
        assertTrue(priv.err().contains("PRIVATE"), priv.err());
        assertTrue(JSON.readTree(priv.out()).at("/keys/0/jwk").has("d"));
    }

    @Test
    void exportedPrivateJwkImportsToTheSameDid() throws Exception {
        String did = cli().run("id", "create", "alice").outLine();
        JsonNode jwk = JSON.readTree(cli().run("id", "export", "alice", "--private").out()).at("/keys/0/jwk");
        Path file = home.resolve("alice.jwk");
        Files.writeString(file, jwk.toString());
        CliRun.Result imported = cli().run("id", "import", "alice2", "--jwk", file.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertEquals(did, imported.outLine());
    }

    @Test
    void importRejectsPublicJwk() throws Exception {
        cli().run("id", "create", "alice");
        JsonNode jwk = JSON.readTree(cli().run("id", "export", "alice").out()).at("/keys/0/jwk");
        Path file = home.resolve("public.jwk");
        Files.writeString(file, jwk.toString());
        assertOneLineError(cli().run("id", "import", "x", "--jwk", file.toString()), 1, "public JWK");
    }

    @Test
    void importRejectsGarbageAndMissingFiles() throws Exception {
        Path garbage = home.resolve("garbage.jwk");
        Files.writeString(garbage, "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\",\"d\":\"AAAA\"}");
        CliRun.Result r = cli().run("id", "import", "x", "--jwk", garbage.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertOneLineError(cli().run("id", "import", "x", "--jwk", home.resolve("nope").toString()), 1, "no such file");
    }

    @Test
    void duplicateNameIsRefusedAndOriginalKept() {
        String did = cli().run("id", "create", "alice").outLine();
        assertOneLineError(cli().run("id", "create", "alice"), 1, "already exists");
        assertTrue(cli().run("id", "list").out().contains(did));
    }

    @Test
    void invalidNameIsNamed() {
        assertOneLineError(cli().run("id", "create", "Alice Smith"), 1, "Alice Smith");
    }

    @Test
    void wrongPassphraseIsBadInput() {
        cli().run("id", "create", "alice");
        CliRun.Result r = cli().env("PARLEY_PASSPHRASE", "not it").run("id", "export", "alice", "--private");
        assertOneLineError(r, 1, "wrong passphrase");
    }

    @Test
    void missingPassphraseWithoutTerminalIsEnvironmentError() {
        CliRun.Result r = cli().env("PARLEY_PASSPHRASE", null).run("id", "create", "alice");
        assertOneLineError(r, 2, "PARLEY_PASSPHRASE");
    }

    @Test
    void promptedPassphraseIsUsedWhenEnvironmentHasNone() {
        CliRun.Result r = cli().env("PARLEY_PASSPHRASE", null)
                .prompt((prompt, confirm) -> "typed secret".toCharArray())
                .run("id", "create", "alice");
        assertEquals(0, r.exitCode(), r.err());
        CliRun.Result export = cli().env("PARLEY_PASSPHRASE", "typed secret").run("id", "export", "alice", "--private");
        assertEquals(0, export.exitCode(), export.err());
    }

    @Test
    void unknownIdentityIsNamed() {
        assertOneLineError(cli().run("id", "show", "nobody"), 1, "nobody");
    }

    @Test
    void corruptedKeystoreFileIsEnvironmentErrorAndLeftUntouched() throws Exception {
        cli().run("id", "create", "alice");
        Path file = home.resolve("identities/alice.json");
        byte[] bytes = Files.readAllBytes(file);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        Files.write(file, truncated);
        assertOneLineError(cli().run("id", "export", "alice", "--private"), 2, "alice");
        assertTrue(java.util.Arrays.equals(truncated, Files.readAllBytes(file)));
    }

    @Test
    void deleteAsksAndHonoursNo() {
        cli().run("id", "create", "alice");
        CliRun.Result no = cli().stdin("n\n").run("id", "delete", "alice");
        assertEquals(1, no.exitCode());
        assertTrue(cli().run("id", "list").out().contains("alice"));

        CliRun.Result yes = cli().stdin("y\n").run("id", "delete", "alice");
        assertEquals(0, yes.exitCode(), yes.err());
        assertFalse(cli().run("id", "list").out().contains("alice"));
    }

    @Test
    void deleteWithoutAnswerRefusesAndYesFlagSkipsTheQuestion() {
        cli().run("id", "create", "alice");
        CliRun.Result r = cli().run("id", "delete", "alice");
        assertEquals(1, r.exitCode());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("parley: ") && last.contains("--yes"), r.err());
        assertEquals(0, cli().run("id", "delete", "alice", "--yes").exitCode());
    }

    @Test
    void verboseAddsStackTrace() {
        CliRun.Result r = cli().run("id", "show", "nobody", "--verbose");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("\tat "), r.err());
    }
}
