package dev.parley.didcomm.mediator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.didcomm.oob.OobLinks;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finding a mediator's DID from a base URL or an invitation link, and refusing everything else. */
class MediatorLocatorTest {

    // did:key spec, Ed25519 example
    private static final String DID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

    private WireMockServer server;
    private final MediatorLocator locator = new MediatorLocator(Duration.ofSeconds(5));

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String link() {
        return new OobLinks().toUrl(new Invitation("inv-1", DID, "request-mediate", null, List.of("didcomm/v2"), List.of()),
                URI.create(server.baseUrl()));
    }

    @Test
    void readsTheDidFromAnInvitationLinkWithoutAnyRequest() throws Exception {
        assertEquals(DID, locator.mediatorDid("  " + link() + "\n"));
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void asksABaseUrlForItsInvitation() throws Exception {
        server.stubFor(get(urlEqualTo("/invitation")).willReturn(aResponse().withStatus(200).withBody(link())));
        assertEquals(DID, locator.mediatorDid(server.baseUrl()));
        assertEquals(DID, locator.mediatorDid(server.baseUrl() + "/"));
    }

    @Test
    void refusesANonMediatorAnswerNamingTheStatus() {
        server.stubFor(get(urlEqualTo("/invitation")).willReturn(aResponse().withStatus(404)));
        MediatorClientException e = assertThrows(MediatorClientException.class, () -> locator.mediatorDid(server.baseUrl()));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    }

    @Test
    void refusesAnOversizedAnswer() {
        server.stubFor(get(urlEqualTo("/invitation")).willReturn(aResponse().withStatus(200)
                .withBody("x".repeat(MediatorLocator.MAX_INVITATION_RESPONSE_BYTES + 1))));
        MediatorClientException e = assertThrows(MediatorClientException.class, () -> locator.mediatorDid(server.baseUrl()));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
    }

    @Test
    void refusesAGarbageAnswer() {
        server.stubFor(get(urlEqualTo("/invitation")).willReturn(aResponse().withStatus(200).withBody("hello")));
        MediatorClientException e = assertThrows(MediatorClientException.class, () -> locator.mediatorDid(server.baseUrl()));
        assertTrue(e.getMessage().contains("not a valid invitation"), e.getMessage());
    }

    @Test
    void refusesWhatIsNeitherUrlNorLink() {
        for (String bad : new String[] {"ftp://x.example", "not a url", "http://"}) {
            assertThrows(MediatorClientException.class, () -> locator.mediatorDid(bad), bad);
        }
    }

    @Test
    void anUnreachableMediatorIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThrows(MediatorUnavailableException.class, () -> locator.mediatorDid("http://127.0.0.1:" + closedPort));
    }
}
