package dev.parley.didcomm.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.didcomm.json.JsonLimits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec(JsonLimits.DEFAULT);
    private final ObjectMapper mapper = new ObjectMapper();

    private static final String FULL = """
            {"id":"m1","typ":"application/didcomm-plain+json","type":"https://example.org/p/1.0/m",
             "from":"did:example:a","to":["did:example:b","did:example:c"],"thid":"t1","pthid":"pt1",
             "created_time":1516269022,"expires_time":1516385931,"body":{"k":[1,{"n":null}]},
             "attachments":[
               {"id":"a1","description":"d","filename":"f.txt","media_type":"text/plain","format":"x",
                "lastmod_time":1516269000,"byte_count":5,"data":{"base64":"aGVsbG8","hash":"%s"}},
               {"id":"a2","data":{"json":{"q":true},"jws":{"protected":"e30","signature":"AA"}}},
               {"id":"a3","data":{"links":["https://x.example/a"],"hash":"1220ab"}}],
             "from_prior":"a.b.c","please_ack":[""],"return_route":"all","x-custom":{"nested":[1,2]}}
            """.formatted(AttachmentData.sha256Multihash("hello".getBytes(StandardCharsets.UTF_8)));

    @Test
    void keepsEveryHeaderIncludingUnknownOnesThroughParseAndWrite() throws Exception {
        Message m = codec.parse(FULL.getBytes(StandardCharsets.UTF_8));
        assertEquals(Instant.ofEpochSecond(1516269022L), m.createdTime());
        assertEquals(3, m.attachments().size());
        assertEquals(3, m.extraHeaders().size());
        assertEquals("all", m.extraHeader("return_route").orElseThrow().asText());
        assertEquals(mapper.readTree(FULL), mapper.readTree(codec.write(m)));
        assertEquals(m, codec.parse(codec.write(m)));
    }

    @Test
    void checksInlineAttachmentHashes() throws Exception {
        Message m = codec.parse(FULL.getBytes(StandardCharsets.UTF_8));
        AttachmentData.Base64Data b = (AttachmentData.Base64Data) m.attachments().get(0).data();
        assertTrue(b.hashMatches());
        assertEquals("hello", new String(b.decode(), StandardCharsets.UTF_8));
        assertFalse(new AttachmentData.Base64Data("aGVsbG8", "1220" + "00".repeat(32), null).hashMatches());
    }

    @Test
    void messagesAreImmutable() throws Exception {
        Message m = codec.parse(FULL.getBytes(StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
                mapper.readTree("{\"a\":1}");
        Message built = Message.builder("i", "t").body(body).build();
        body.put("a", 2);
        assertEquals(1, built.body().get("a").asInt());
        assertEquals(m.to(), java.util.List.of("did:example:b", "did:example:c"));
    }
}
