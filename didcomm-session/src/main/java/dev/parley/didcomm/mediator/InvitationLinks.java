package dev.parley.didcomm.mediator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.didcomm.oob.InvalidInvitationException;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.didcomm.oob.OobLinks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads an invitation from what a user pasted: a full {@code ?_oob=} link is read offline; a short link a mediator
 * made (shorten-url) is fetched once, asking for the invitation as JSON ("short URL message retrieval"), or
 * following the mediator's redirect to the full link. The fetched answer is size-limited and parsed as strictly as
 * a pasted invitation.
 */
public final class InvitationLinks {
    /** An invitation is a few KiB; anything far larger is refused unread. */
    static final int MAX_ANSWER_BYTES = OobLinks.DEFAULT_MAX_INVITATION_BYTES;
    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s<>\"']+");

    private final OkHttpClient http;
    private final OobLinks links = new OobLinks();
    private final ObjectMapper json = new ObjectMapper();

    public InvitationLinks(Duration timeout) {
        this.http = new OkHttpClient.Builder().callTimeout(timeout).followRedirects(false).build();
    }

    /**
     * @throws InvalidInvitationException   when the text holds no invitation, or a short link is unknown or expired
     * @throws MediatorUnavailableException when a short link's mediator cannot be reached or answers nonsense
     */
    public Invitation read(String pasted) throws InvalidInvitationException, MediatorUnavailableException {
        if (pasted == null || pasted.isBlank()) {
            throw new InvalidInvitationException("nothing was pasted; paste the invitation link");
        }
        if (pasted.contains("_oob=") || pasted.contains("_oob%3D") || pasted.contains("_oob%3d")
                || pasted.length() > OobLinks.DEFAULT_MAX_TEXT_CHARS) {
            return links.parse(pasted);
        }
        Matcher m = HTTP_URL.matcher(pasted);
        if (!m.find()) {
            return links.parse(pasted); // names what is missing
        }
        return fetch(m.group());
    }

    private Invitation fetch(String shortUrl) throws InvalidInvitationException, MediatorUnavailableException {
        HttpUrl url = HttpUrl.parse(shortUrl);
        if (url == null) {
            throw new InvalidInvitationException("the link " + shortUrl + " is not a valid URL");
        }
        Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
        try (Response response = http.newCall(request).execute()) {
            int code = response.code();
            if (code == 404 || code == 410) {
                throw new InvalidInvitationException("the short link " + shortUrl + " is unknown or expired; ask for"
                        + " a new link");
            }
            if (code / 100 == 3 && response.header("Location") != null) {
                return links.parse(response.header("Location"));
            }
            if (code != 200) {
                throw new MediatorUnavailableException("the short link " + shortUrl + " answered HTTP " + code, null);
            }
            byte[] body;
            try (InputStream in = response.body().byteStream()) {
                body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
            if (body.length > MAX_ANSWER_BYTES) {
                throw new InvalidInvitationException("the short link " + shortUrl + " answered more than "
                        + MAX_ANSWER_BYTES + " bytes; that is not an invitation");
            }
            return fromAnswer(shortUrl, body);
        } catch (IOException e) {
            throw new MediatorUnavailableException("cannot open the short link " + shortUrl + ": " + e.getMessage(), e);
        }
    }

    /** The answer is the invitation message itself, or {@code {"url": "<full link>"}}. */
    private Invitation fromAnswer(String shortUrl, byte[] body) throws InvalidInvitationException {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            throw new InvalidInvitationException("the short link " + shortUrl + " did not answer with JSON");
        }
        if (node != null && node.path("url").isTextual() && node.size() == 1) {
            return links.parse(node.get("url").asText());
        }
        return links.parse("?_oob=" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new String(body, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8)));
    }
}
