package dev.parley.didcomm.mediator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.parley.didcomm.oob.InvalidInvitationException;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.didcomm.oob.OobLinks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Short links answered by a server we do not run: the invitation, a redirect, and what must be refused. */
class InvitationLinksTest {
    // did:key spec, Ed25519 example
    private static final String DID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

    private WireMockServer server;
    private final InvitationLinks links = new InvitationLinks(Duration.ofSeconds(5));

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String fullLink() {
        return new OobLinks().toUrl(new Invitation("inv-7", DID, "parley-mpc-group", null, List.of("didcomm/v2"),
                List.of()), URI.create("https://parley.dev/g"));
    }

    private String shortLink() {
        return server.baseUrl() + "/s/abcd1234";
    }

    @Test
    void followsARedirectToTheFullLink() throws Exception {
        server.stubFor(get(urlEqualTo("/s/abcd1234")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", fullLink())));
        assertEquals("inv-7", links.read(shortLink()).id());
    }

    @Test
    void readsAUrlAnswer() throws Exception {
        server.stubFor(get(urlEqualTo("/s/abcd1234")).willReturn(aResponse().withStatus(200)
                .withBody("{\"url\":\"" + fullLink() + "\"}")));
        assertEquals("inv-7", links.read(shortLink()).id());
    }

    @Test
    void refusesAnOversizedAnswerUnread() {
        server.stubFor(get(urlEqualTo("/s/abcd1234")).willReturn(aResponse().withStatus(200)
                .withBody("{\"url\":\"" + "a".repeat(InvitationLinks.MAX_ANSWER_BYTES * 2) + "\"}")));
        InvalidInvitationException e = assertThrows(InvalidInvitationException.class, () -> links.read(shortLink()));
        assertTrue(e.getMessage().contains("answered more than"), e.getMessage());
    }

    @Test
    void refusesAnAnswerThatIsNotJson() {
        server.stubFor(get(urlEqualTo("/s/abcd1234")).willReturn(aResponse().withStatus(200).withBody("<html>")));
        InvalidInvitationException e = assertThrows(InvalidInvitationException.class, () -> links.read(shortLink()));
        assertTrue(e.getMessage().contains("did not answer with JSON"), e.getMessage());
    }

    @Test
    void refusesJsonThatIsNoInvitation() {
        server.stubFor(get(urlEqualTo("/s/abcd1234")).willReturn(aResponse().withStatus(200)
                .withBody("{\"type\":\"https://didcomm.org/basicmessage/2.0/message\",\"id\":\"1\"}")));
        assertThrows(InvalidInvitationException.class, () -> links.read(shortLink()));
    }

    @Test
    void aServerErrorIsAnEnvironmentProblem() {
        server.stubFor(get(urlEqualTo("/s/abcd1234")).willReturn(aResponse().withStatus(503)));
        MediatorUnavailableException e = assertThrows(MediatorUnavailableException.class,
                () -> links.read(shortLink()));
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
    }

    @Test
    void goneIsUnknownOrExpired() {
        server.stubFor(get(urlEqualTo("/s/abcd1234")).willReturn(aResponse().withStatus(410)));
        InvalidInvitationException e = assertThrows(InvalidInvitationException.class, () -> links.read(shortLink()));
        assertTrue(e.getMessage().contains("unknown or expired"), e.getMessage());
    }
}
