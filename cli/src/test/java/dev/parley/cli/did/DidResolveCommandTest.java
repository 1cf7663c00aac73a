package dev.parley.cli.did;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DidResolveCommandTest {

    // did:key spec, Ed25519 example
    private static final String DID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

    @TempDir
    Path home;

    @Test
    void resolvesDidKeyToMultikeyByDefault() throws Exception {
        CliRun.Result r = new CliRun(home).run("did", "resolve", DID);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(DID, doc.get("id").asText());
        assertEquals("Multikey", doc.at("/verificationMethod/0/type").asText());
        assertEquals(2, doc.get("verificationMethod").size(), "Ed25519 plus derived X25519");
    }

    @Test
    void resolvesToJsonWebKey2020WhenAsked() throws Exception {
        CliRun.Result r = new CliRun(home).run("did", "resolve", DID, "--format", "jwk");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("JsonWebKey2020", doc.at("/verificationMethod/0/type").asText());
        assertEquals("Ed25519", doc.at("/verificationMethod/0/publicKeyJwk/crv").asText());
    }

    @Test
    void resolvesAPeerDidCreatedByTheCli() throws Exception {
        CliRun cli = new CliRun(home);
        String did = cli.run("id", "create", "carol", "--method", "peer").outLine();
        CliRun.Result r = cli.run("did", "resolve", did);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(did, new ObjectMapper().readTree(r.out()).get("id").asText());
    }

    @ParameterizedTest
    @CsvSource({
        "not-a-did, did",
        "did:web:example.com, web",
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2do, key",
        "did:key:zQ3abc, multicodec",
        "did:key:u6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK, multibase"
    })
    void badDidsAreOneLineErrors(String did, String mentions) {
        CliRun.Result r = new CliRun(home).run("did", "resolve", did);
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().toLowerCase().contains(mentions.toLowerCase()), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void formatIsRefusedForPeerDids() {
        CliRun cli = new CliRun(home);
        String did = cli.run("id", "create", "carol", "--method", "peer").outLine();
        CliRun.Result r = cli.run("did", "resolve", did, "--format", "jwk");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("did:key only"), r.err());
    }
}
