package dev.parley.mediator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.mediator.InvitationLinks;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.mediator.MediatorRefusedException;
import dev.parley.didcomm.mediator.MediatorUnavailableException;
import dev.parley.didcomm.mediator.ShortenedUrl;
import dev.parley.didcomm.oob.InvalidInvitationException;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.didcomm.oob.OobLinks;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.Parties;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host shortens its invitation at its mediator; a guest pastes the short link and gets the same invitation. */
class ShortInvitationLinksTest {
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    private Mediator mediator;
    private MediatorClient host;
    private final InvitationLinks links = new InvitationLinks(Duration.ofSeconds(10));

    @BeforeEach
    void start() throws Exception {
        mediator = Mediator.start(MediatorConfig.local(0, dir));
        LocalIdentity id = Parties.party(random, mediator.httpUrl().toString(), mediator.did(), false);
        host = Parties.client(mediator, id);
        host.requestMediation();
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
        mediator.close();
    }

    private String longLink(String goal) {
        Invitation inv = new Invitation("inv-" + goal, host.did(), goal, "Compute with us", List.of("didcomm/v2"),
                List.of());
        return new OobLinks().toUrl(inv, URI.create("https://parley.dev/g"));
    }

    @Test
    void aShortLinkReadsAsTheInvitationItShortens() throws Exception {
        String full = longLink("parley-mpc-group");
        ShortenedUrl shortUrl = host.shortenInvitation(full, Duration.ofMinutes(10));
        assertTrue(shortUrl.url().startsWith(mediator.httpUrl().toString()), shortUrl.url());
        assertTrue(shortUrl.url().length() < 80, shortUrl.url());

        Invitation pasted = links.read("join us: <" + shortUrl.url() + ">");
        Invitation original = new OobLinks().parse(full);
        assertEquals(original.id(), pasted.id());
        assertEquals(original.from(), pasted.from());
        assertEquals(original.goalCode(), pasted.goalCode());
    }

    @Test
    void aFullLinkIsReadWithoutTheNetwork() throws Exception {
        String full = longLink("offline");
        mediator.close();
        assertEquals("inv-offline", links.read(full).id());
    }

    @Test
    void anUnknownShortLinkNamesTheProblem() {
        String unknown = mediator.httpUrl().resolve("/s/AAAAAAAAAAAAAAAA").toString();
        InvalidInvitationException e = assertThrows(InvalidInvitationException.class, () -> links.read(unknown));
        assertTrue(e.getMessage().contains("unknown or expired"), e.getMessage());
    }

    @Test
    void anUnreachableShortLinkIsAnEnvironmentProblem() throws Exception {
        String url = mediator.httpUrl().resolve("/s/AAAAAAAAAAAAAAAA").toString();
        mediator.close();
        assertThrows(MediatorUnavailableException.class, () -> links.read(url));
    }

    @Test
    void aMangledLinkIsRefusedAsSuch() {
        InvalidInvitationException e = assertThrows(InvalidInvitationException.class,
                () -> links.read("http://[broken/s/abc"));
        assertTrue(e.getMessage().contains("not a valid URL"), e.getMessage());
    }

    @Test
    void textWithoutAnyLinkIsRefused() {
        InvalidInvitationException e = assertThrows(InvalidInvitationException.class,
                () -> links.read("see you at noon"));
        assertTrue(e.getMessage().contains("no invitation link found"), e.getMessage());
    }

    @Test
    void aTooLongValidityIsRefusedByTheMediator() {
        MediatorRefusedException e = assertThrows(MediatorRefusedException.class,
                () -> host.shortenInvitation(longLink("long"), Duration.ofDays(3650)));
        assertTrue(e.getMessage().contains("validity"), e.getMessage());
    }

    @Test
    void aShortLinkToAPlainUrlIsNotAnInvitation() throws Exception {
        // the mediator only shortens out-of-band links for this goal; a query without _oob is refused up front
        MediatorRefusedException e = assertThrows(MediatorRefusedException.class,
                () -> host.shortenInvitation("https://example.org/page", Duration.ofMinutes(1)));
        assertTrue(e.getMessage().contains("out-of-band"), e.getMessage());
    }
}
