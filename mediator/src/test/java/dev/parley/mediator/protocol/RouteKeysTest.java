package dev.parley.mediator.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.did.crypto.PublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteKeysTest {

    // did:key test vector (w3c-ccg did:key spec, Ed25519 example) and its X25519 key.
    private static final String ED = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

    @Test
    void anEd25519DidKeyAlsoAnswersToItsX25519Key() throws Exception {
        String x = PublicKey.fromMultibase(ED).deriveX25519().toMultibase();
        assertTrue(x.startsWith("z6LS"), x);
        List<String> aliases = RouteKeys.aliasesFor("did:key:" + ED);
        assertTrue(aliases.contains(ED));
        assertTrue(aliases.contains(x));
        // A sender encrypting to the X25519 key names it as a key id of the did:key DID.
        assertTrue(aliases.contains(RouteKeys.candidatesFor("did:key:" + ED + "#" + x).get(0)));
    }

    @Test
    void didPeerZeroAndDidKeyOfTheSameKeyAreOneRecipient() {
        assertEquals(RouteKeys.candidatesFor("did:key:" + ED), RouteKeys.candidatesFor("did:peer:0" + ED));
    }

    @Test
    void aDidPeerTwoAnswersToItsDidItsKeysAndBothKeyIdStyles() {
        String did = "did:peer:2.Vz6MkqRYqQiSgvZQdnBytw86Qbs2ZWUkGv22od935YF4s8M7V"
                + ".Ez6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc";
        List<String> aliases = RouteKeys.aliasesFor(did);
        assertTrue(aliases.contains(did));
        assertTrue(aliases.contains("z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc"));
        for (String next : List.of(did, did + "#key-2", did + "#6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc",
                "did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc")) {
            assertTrue(RouteKeys.candidatesFor(next).stream().anyMatch(aliases::contains), next);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "did:web:example.com", "not a did", "did:key:", "did:key:z6Mk\u0000",
        "did:peer:2 .Ez6LS", "https://evil.example/did:key:z6Mk"})
    void refusesToRegisterWhatIsNotADidKeyOrDidPeer(String s) {
        assertFalse(RouteKeys.isRegistrable(s));
    }

    @Test
    void refusesAbsurdlyLongDids() {
        assertFalse(RouteKeys.isRegistrable("did:key:z" + "a".repeat(9000)));
    }
}
