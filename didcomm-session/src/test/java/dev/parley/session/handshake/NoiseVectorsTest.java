package dev.parley.session.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.session.handshake.internal.CipherState;
import dev.parley.session.handshake.internal.NoiseHandshake;
import dev.parley.session.handshake.internal.NoisePattern;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The published cacophony vectors (source named in the resource file) through the Noise engine. */
class NoiseVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void publishedCacophonyVectorsPass() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/session/cacophony-25519-chachapoly-sha256.json")) {
            root = new ObjectMapper().readTree(in);
        }
        int vectors = 0;
        int messages = 0;
        for (JsonNode v : root.get("vectors")) {
            messages += run(v);
            vectors++;
        }
        assertEquals(3, vectors, "every vector in the file ran");
        assertEquals(18, messages, "every message of every vector was checked");
    }

    private static int run(JsonNode v) throws Exception {
        String name = v.get("name").asText();
        NoisePattern pattern = NoisePattern.valueOf(name.split("_")[1]);
        assertEquals(name, pattern.protocolName());
        NoiseHandshake init = new NoiseHandshake(pattern, true, hex(v, "init_prologue"), key(v, "init_static"),
                key(v, "init_ephemeral"), v.has("init_remote_static")
                        ? PrivateKey.fromBytes(KeyType.X25519, hex(v, "resp_static")).publicKey() : null);
        NoiseHandshake resp = new NoiseHandshake(pattern, false, hex(v, "resp_prologue"), key(v, "resp_static"),
                key(v, "resp_ephemeral"), null);
        if (v.has("init_remote_static")) {
            assertArrayEquals(hex(v, "init_remote_static"), init.remoteStatic().rawBytes(),
                    name + ": the responder static key derives to the vector's public key");
        }
        CipherState i2r = null;
        CipherState r2i = null;
        int index = 0;
        for (JsonNode m : v.get("messages")) {
            byte[] payload = HEX.parseHex(m.get("payload").asText());
            byte[] expected = HEX.parseHex(m.get("ciphertext").asText());
            boolean fromInitiator = index % 2 == 0;
            if (!init.isComplete()) {
                NoiseHandshake writer = fromInitiator ? init : resp;
                NoiseHandshake reader = fromInitiator ? resp : init;
                byte[] written = writer.writeMessage(payload);
                assertArrayEquals(expected, written, name + " message " + index);
                assertArrayEquals(payload, reader.readMessage(written), name + " payload " + index);
                if (init.isComplete()) {
                    NoiseHandshake.SplitKeys a = init.split();
                    NoiseHandshake.SplitKeys b = resp.split();
                    assertArrayEquals(a.handshakeHash(), b.handshakeHash());
                    assertArrayEquals(a.initiatorToResponder(), b.initiatorToResponder());
                    i2r = new CipherState();
                    i2r.initializeKey(a.initiatorToResponder());
                    r2i = new CipherState();
                    r2i.initializeKey(a.responderToInitiator());
                }
            } else {
                CipherState c = fromInitiator ? i2r : r2i;
                assertArrayEquals(expected, c.encryptWithAd(new byte[0], payload), name + " transport " + index);
            }
            index++;
        }
        return index;
    }

    private static PrivateKey key(JsonNode v, String field) throws Exception {
        return v.has(field) ? PrivateKey.fromBytes(KeyType.X25519, hex(v, field)) : null;
    }

    private static byte[] hex(JsonNode v, String field) {
        return HEX.parseHex(v.get(field).asText());
    }
}
