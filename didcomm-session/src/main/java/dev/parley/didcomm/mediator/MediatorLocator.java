package dev.parley.didcomm.mediator;

import dev.parley.didcomm.oob.InvalidInvitationException;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.didcomm.oob.OobLinks;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Finds a mediator's DID from what a user gives: its invitation link (the {@code ?_oob=} link it prints at
 * start) or just its base URL, in which case the mediator's {@code GET /invitation} supplies the link. The
 * answer is size-limited and parsed as strictly as any pasted invitation.
 */
public final class MediatorLocator {

    /** An invitation link is a few hundred bytes; refuse anything far larger. */
    static final int MAX_INVITATION_RESPONSE_BYTES = 16 * 1024;

    private final OkHttpClient http;

    public MediatorLocator(Duration timeout) {
        this.http = new OkHttpClient.Builder().callTimeout(timeout).followRedirects(false).build();
    }

    /**
     * @param urlOrInvitation {@code --mediator} / {@code PARLEY_MEDIATOR}: a base URL or an invitation link
     * @return the mediator's DID (the invitation's {@code from})
     * @throws MediatorClientException when the text is neither, or the mediator does not answer with an
     *     invitation ({@link MediatorUnavailableException} when it cannot be reached at all)
     */
    public String mediatorDid(String urlOrInvitation) throws MediatorClientException {
        Objects.requireNonNull(urlOrInvitation, "urlOrInvitation");
        String text = urlOrInvitation.strip();
        if (text.contains("_oob=")) {
            return parse(text, "the mediator link");
        }
        URI base = base(text);
        URI invitation = base.resolve(base.getPath().endsWith("/") ? "invitation" : base.getPath() + "/invitation");
        Request request = new Request.Builder().url(invitation.toString()).get().build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new MediatorClientException(invitation + " answered HTTP " + response.code()
                        + "; is " + base + " a Parley mediator? Pass its invitation link instead");
            }
            byte[] body;
            try (InputStream in = response.body().byteStream()) {
                body = in.readNBytes(MAX_INVITATION_RESPONSE_BYTES + 1);
            }
            if (body.length > MAX_INVITATION_RESPONSE_BYTES) {
                throw new MediatorClientException(invitation + " answered more than "
                        + MAX_INVITATION_RESPONSE_BYTES + " bytes; that is not a mediator invitation");
            }
            return parse(new String(body, StandardCharsets.UTF_8), "the invitation served at " + invitation);
        } catch (IOException e) {
            throw new MediatorUnavailableException("cannot reach the mediator at " + base + ": " + e.getMessage(), e);
        }
    }

    private static URI base(String text) throws MediatorClientException {
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new MediatorClientException("the mediator must be an http(s) URL or its invitation link, got \""
                        + text + "\"");
            }
            return uri.getPath() == null || uri.getPath().isEmpty() ? uri.resolve("/") : uri;
        } catch (URISyntaxException e) {
            throw new MediatorClientException("the mediator \"" + text + "\" is not a URL: " + e.getMessage());
        }
    }

    private static String parse(String text, String what) throws MediatorClientException {
        try {
            Invitation invitation = new OobLinks().parse(text);
            return invitation.from();
        } catch (InvalidInvitationException e) {
            throw new MediatorClientException(what + " is not a valid invitation: " + e.getMessage());
        }
    }
}
