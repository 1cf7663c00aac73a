package dev.parley.cli.didcomm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DidCommCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void identities() {
        alice = cli().run("id", "create", "alice").outLine();
        bob = cli().run("id", "create", "bob", "--method", "peer").outLine();
        carol = cli().run("id", "create", "carol", "--key", "p256").outLine();
    }

    private CliRun cli() {
        return new CliRun(home);
    }

    @ParameterizedTest
    @CsvSource({"authcrypt,", "anoncrypt,A256GCM", "anoncrypt,XC20P", "anoncrypt,A256CBC-HS512", "signed,", "plain,"})
    void packThenUnpackRoundTripsWithHonestMetadata(String mode, String enc) throws Exception {
        var args = new java.util.ArrayList<>(java.util.List.of("didcomm", "pack", "--from", "alice", "--to", bob,
                "--mode", mode, "--body", "{\"content\":\"hi bob\"}"));
        if (enc != null) {
            args.addAll(java.util.List.of("--enc", enc));
        }
        CliRun.Result packed = cli().run(args.toArray(String[]::new));
        assertEquals(0, packed.exitCode(), packed.err());
        assertEquals(1, packed.out().strip().lines().count());

        CliRun.Result unpacked = cli().stdin(packed.out()).run("didcomm", "unpack", "--as", "bob");
        assertEquals(0, unpacked.exitCode(), unpacked.err());
        JsonNode result = JSON.readTree(unpacked.out());
        assertEquals("hi bob", result.at("/message/body/content").asText());
        assertEquals(alice, result.at("/message/from").asText());
        assertEquals(!mode.equals("plain") && !mode.equals("signed"), result.at("/metadata/encrypted").asBoolean(), unpacked.out());
        assertEquals(mode.equals("authcrypt") || mode.equals("signed"), result.at("/metadata/authenticated").asBoolean(), unpacked.out());
    }

    @Test
    void encryptedPackMakesOneEnvelopePerRecipientAndEachUnpacks() throws Exception {
        CliRun.Result packed = cli().run("didcomm", "pack", "--from", "alice", "--to", bob + "," + carol,
                "--mode", "anoncrypt", "--body", "{}");
        assertEquals(0, packed.exitCode(), packed.err());
        var lines = packed.out().strip().lines().toList();
        assertEquals(2, lines.size());
        Path forBob = home.resolve("bob.json");
        Files.writeString(forBob, lines.get(0));
        assertEquals(0, cli().run("didcomm", "unpack", "--as", "bob", forBob.toString()).exitCode());
        CliRun.Result forCarol = cli().stdin(lines.get(1)).run("didcomm", "unpack", "--as", "carol", "-");
        assertEquals(0, forCarol.exitCode(), forCarol.err());
    }

    @Test
    void authcryptAcrossCurvesExplainsTheAlternative() {
        CliRun.Result r = cli().run("didcomm", "pack", "--from", "alice", "--to", carol, "--mode", "authcrypt", "--body", "{}");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("anoncrypt"), r.err());
    }

    @Test
    void unpackByTheWrongRecipientIsOneLineError() {
        String envelope = cli().run("didcomm", "pack", "--from", "alice", "--to", bob, "--body", "{}").out();
        CliRun.Result r = cli().stdin(envelope).run("didcomm", "unpack", "--as", "carol");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "));
    }

    @Test
    void tamperedEnvelopeIsRejected() throws Exception {
        String envelope = cli().run("didcomm", "pack", "--from", "alice", "--to", bob, "--body", "{\"a\":1}").outLine();
        JsonNode jwe = JSON.readTree(envelope);
        String ciphertext = jwe.get("ciphertext").asText();
        char flipped = ciphertext.charAt(5) == 'A' ? 'B' : 'A';
        String tampered = envelope.replace(ciphertext, ciphertext.substring(0, 5) + flipped + ciphertext.substring(6));
        CliRun.Result r = cli().stdin(tampered).run("didcomm", "unpack", "--as", "bob");
        assertEquals(1, r.exitCode(), r.err());
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(cli().run("didcomm", "pack", "--from", "alice", "--to", bob, "--mode", "shout", "--body", "{}")
                .err().contains("shout"));
        assertTrue(cli().run("didcomm", "pack", "--from", "alice", "--mode", "authcrypt", "--body", "{}")
                .err().contains("--to"));
        assertTrue(cli().run("didcomm", "pack", "--from", "alice", "--to", bob, "--mode", "authcrypt", "--enc", "XC20P", "--body", "{}")
                .err().contains("anoncrypt only"));
        CliRun.Result badBody = cli().run("didcomm", "pack", "--from", "alice", "--to", bob, "--body", "{not json");
        assertEquals(1, badBody.exitCode(), badBody.err());
        assertTrue(badBody.err().contains("--body"), badBody.err());
        CliRun.Result garbage = cli().stdin("hello").run("didcomm", "unpack", "--as", "bob");
        assertEquals(1, garbage.exitCode(), garbage.err());
        assertEquals(1, garbage.err().strip().lines().count(), garbage.err());
    }

    @Test
    void inviteLinkSurvivesChatMangling() throws Exception {
        CliRun.Result created = cli().run("invite", "create", "--from", "alice", "--goal", "Sum our salaries",
                "--goal-code", "parley.mpc", "--base", "https://mediator.example/invite", "--no-qr");
        assertEquals(0, created.exitCode(), created.err());
        String link = created.outLine();
        assertTrue(link.startsWith("https://mediator.example/invite?_oob="), link);
        String chat = "hey all, join here: <" + link.substring(0, 60) + "\n" + link.substring(60) + "> thanks!";
        CliRun.Result shown = cli().run("invite", "show", chat);
        assertEquals(0, shown.exitCode(), shown.err());
        JsonNode invitation = JSON.readTree(shown.out());
        assertEquals(alice, invitation.get("from").asText());
        assertEquals("Sum our salaries", invitation.at("/body/goal").asText());
        assertEquals("parley.mpc", invitation.at("/body/goal_code").asText());
    }

    @Test
    void inviteWritesPngAndTerminalQr() throws Exception {
        Path png = home.resolve("invite.png");
        CliRun.Result created = cli().run("invite", "create", "--from", "alice", "--qr", png.toString());
        assertEquals(0, created.exitCode(), created.err());
        assertTrue(Files.size(png) > 100);
        assertTrue(created.err().contains("\u2580") || created.err().contains("\u2584") || created.err().contains("\u2588"),
                "terminal QR expected on stderr");
        assertEquals(1, created.out().strip().lines().count(), "stdout is just the link");
    }

    @Test
    void brokenInvitationIsOneLineError() {
        CliRun.Result r = cli().run("invite", "show", "https://x.example/?_oob=eyJub3QiOiJhbiBpbnZpdGF0aW9uIn0");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        CliRun.Result none = cli().run("invite", "show", "no link here");
        assertEquals(1, none.exitCode(), none.err());
    }

    @Test
    void inviteBaseMustBeHttpUrl() {
        CliRun.Result r = cli().run("invite", "create", "--from", "alice", "--base", "ftp://x", "--no-qr");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("--base"), r.err());
    }
}
