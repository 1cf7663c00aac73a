package dev.parley.didcomm.oob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.message.Attachment;
import dev.parley.didcomm.message.AttachmentData;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class OobLinksTest {

    private static final String PEER = "did:peer:2.Vz6MkqRYqQiSgvZQdnBytw86Qbs2ZWUkGv22od935YF4s8M7V"
            + ".Ez6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc";
    private final OobLinks links = new OobLinks();

    private Invitation invitation() {
        return new Invitation("inv-1", PEER, "parley.chat", "Chat with Alice", List.of("didcomm/v2"),
                List.of(Attachment.of("request-0", "application/json",
                        new AttachmentData.JsonData(JsonNodeFactory.instance.objectNode().put("hello", "world"), null, null))));
    }

    private static String specExampleUrl() throws IOException {
        try (InputStream in = OobLinksTest.class.getResourceAsStream("/oob/spec-example-url.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            assertTrue(lines[0].startsWith("# Source: DIDComm Messaging v2"));
            return lines[1];
        }
    }

    @Test
    void decodesTheSpecExampleUrl() throws Exception {
        Invitation inv = links.parse(specExampleUrl());
        assertEquals("69212a3a-d068-4f9d-a2dd-4741bca89af3", inv.id());
        assertEquals("did:example:alice", inv.from());
        assertEquals("", inv.goalCode());
        assertEquals("request-0", inv.attachments().get(0).id());
    }

    @Test
    void roundTripsThroughAUrl() throws Exception {
        String url = links.toUrl(invitation(), URI.create("https://parley.example/i"));
        assertTrue(url.startsWith("https://parley.example/i?_oob="), url);
        assertEquals(invitation(), links.parse(url));
        assertTrue(links.toUrl(invitation(), URI.create("https://x.example/p?lang=en")).contains("?lang=en&_oob="));
    }

    @Test
    void findsTheLinkInWhateverAChatClientMadeOfIt() throws Exception {
        String url = links.toUrl(invitation(), URI.create("https://parley.example/i"));
        StringBuilder wrapped = new StringBuilder();
        for (int i = 0; i < url.length(); i += 40) {
            wrapped.append(url, i, Math.min(url.length(), i + 40)).append(i % 80 == 0 ? "\r\n" : "\n");
        }
        List<String> pasted = List.of(
                "Hey, join me: " + url + " see you there!",
                "<" + url + ">",
                "(" + url + ").",
                "[connect](" + url + ")",
                url + "\nThanks,\nAlice",
                wrapped.toString(),
                "Alice wrote:\n> " + wrapped.toString().replace("\n", "\n> "),
                URLEncoder.encode(url, StandardCharsets.UTF_8),
                url.replace("_oob=", "_oob%3D"),
                "  \t" + url + "\u200b");
        int ran = 0;
        for (String p : pasted) {
            assertEquals(invitation(), links.parse(p), p);
            ran++;
        }
        assertEquals(10, ran);
    }

    private static String link(String json) {
        return "https://x.example/?_oob=" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void isStrictAboutTheContent() {
        String type = "\"type\":\"https://didcomm.org/out-of-band/2.0/invitation\"";
        List<String> bad = List.of(
                "",
                "no link here",
                "https://x.example/?_oobid=5f0e3ffb",
                "https://x.example/?_oob=",
                "https://x.example/?_oob=%%%%",
                link("[1,2]"),
                link("{\"id\":\"1\"," + type + ",\"body\":{}}"),
                link("{\"id\":\"1\"," + type + ",\"from\":\"alice\",\"body\":{}}"),
                link("{\"id\":\"1\",\"type\":\"https://didcomm.org/basicmessage/2.0/message\",\"from\":\"did:example:a\",\"body\":{}}"),
                link("{\"id\":\"1\",\"id\":\"2\"," + type + ",\"from\":\"did:example:a\",\"body\":{}}"),
                link("{\"id\":\"1\"," + type + ",\"from\":\"did:example:a\",\"body\":{\"accept\":\"didcomm/v2\"}}"),
                link("{\"id\":\"1\"," + type + ",\"from\":\"did:example:a\",\"body\":{\"goal\":7}}"),
                link("{\"id\":\"1\"," + type + ",\"from\":\"did:example:a\",\"body\":{\"x\":\"" + "a".repeat(20_000) + "\"}}"),
                link("{\"payload\":\"e30\",\"signatures\":[]}"),
                "x".repeat(OobLinks.DEFAULT_MAX_TEXT_CHARS + 1));
        int rejected = 0;
        for (String b : bad) {
            InvalidInvitationException e = assertThrows(InvalidInvitationException.class, () -> links.parse(b),
                    b.length() > 100 ? b.substring(0, 100) : b);
            assertEquals("e.p.msg.invalid-invitation", e.problemCode().toString());
            rejected++;
        }
        assertEquals(15, rejected);
    }
}
