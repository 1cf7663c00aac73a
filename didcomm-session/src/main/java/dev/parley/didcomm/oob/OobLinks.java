package dev.parley.didcomm.oob;

import dev.parley.didcomm.json.JsonLimitExceededException;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.json.MalformedJsonException;
import dev.parley.didcomm.message.InvalidMessageException;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.message.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes invitations as {@code <base>?_oob=<base64url(json)>} links and finds them again in text pasted
 * from a chat. Parsing is tolerant of the wrapping chat clients add (surrounding words, angle brackets,
 * line breaks inside the link, percent-encoding) and strict about the content (size, JSON limits, type,
 * a {@code from} DID). Thread-safe and immutable.
 */
public final class OobLinks {

    /** Default bound on pasted text, in characters. */
    public static final int DEFAULT_MAX_TEXT_CHARS = 64 * 1024;
    /** Default bound on the decoded invitation, in bytes. */
    public static final int DEFAULT_MAX_INVITATION_BYTES = 16 * 1024;

    private static final String PARAM = "_oob=";
    private static final int MAX_SEGMENTS = 256;

    private final int maxTextChars;
    private final MessageCodec codec;

    public OobLinks(int maxTextChars, int maxInvitationBytes) {
        if (maxTextChars < 256 || maxInvitationBytes < 256) {
            throw new IllegalArgumentException("OOB limits must be at least 256");
        }
        this.maxTextChars = maxTextChars;
        this.codec = new MessageCodec(JsonLimits.DEFAULT.withMaxDocumentBytes(maxInvitationBytes).withMaxNestingDepth(16));
    }

    public OobLinks() {
        this(DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_INVITATION_BYTES);
    }

    /** The link for {@code invitation}: {@code base} plus {@code ?_oob=} (or {@code &_oob=}) and the encoding. */
    public String toUrl(Invitation invitation, URI base) {
        String b = base.toString();
        String sep = base.getRawQuery() == null ? "?" : "&";
        if (b.endsWith("?") || b.endsWith("&")) {
            sep = "";
        }
        return b + sep + PARAM + encode(invitation);
    }

    /** The unpadded base64url of the compact invitation JSON. */
    public String encode(Invitation invitation) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(codec.write(invitation.toMessage()));
    }

    /** Finds and validates the invitation in text a user pasted (a bare link or a whole chat message). */
    public Invitation parse(String pasted) throws InvalidInvitationException {
        if (pasted == null || pasted.isBlank()) {
            throw new InvalidInvitationException("nothing was pasted; paste the invitation link");
        }
        if (pasted.length() > maxTextChars) {
            throw new InvalidInvitationException("pasted text is " + pasted.length() + " characters; the limit is "
                    + maxTextChars + ": paste only the invitation link");
        }
        String text = pasted;
        int at = text.indexOf(PARAM);
        for (int pass = 0; at < 0 && pass < 2 && text.indexOf('%') >= 0; pass++) {
            text = percentDecode(text);
            at = text.indexOf(PARAM);
        }
        if (at < 0) {
            if (text.contains("_oobid=")) {
                throw new InvalidInvitationException("this is a shortened invitation link (_oobid); open it to get the full link");
            }
            throw new InvalidInvitationException("no invitation link found: expected a URL containing ?_oob=");
        }
        List<String> segments = segmentsAfter(percentDecode(text.substring(at + PARAM.length())));
        if (segments.isEmpty()) {
            throw new InvalidInvitationException("the _oob parameter of the link is empty");
        }
        InvalidInvitationException last = null;
        for (int n = segments.size(); n >= 1; n--) {
            String candidate = String.join("", segments.subList(0, n));
            try {
                return decode(candidate);
            } catch (InvalidInvitationException e) {
                if (last == null) {
                    last = e;
                }
            }
        }
        throw last;
    }

    private Invitation decode(String b64) throws InvalidInvitationException {
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new InvalidInvitationException("the _oob parameter is not base64url: " + e.getMessage(), e);
        }
        Message m;
        try {
            m = codec.parse(json);
        } catch (MalformedJsonException | JsonLimitExceededException | InvalidMessageException e) {
            throw new InvalidInvitationException("the invitation is not a valid plaintext message: " + e.getMessage(), e);
        }
        return Invitation.fromMessage(m);
    }

    /**
     * The base64url runs after {@code _oob=}: line breaks (a chat client's wrapping, with any {@code >}
     * quote markers and indentation that follow them) split runs; anything else that is not base64url
     * ends the link.
     */
    private static List<String> segmentsAfter(String s) {
        List<String> segments = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length() && segments.size() < MAX_SEGMENTS; i++) {
            char c = s.charAt(i);
            if (isBase64Url(c)) {
                cur.append(c);
            } else if (c == '\r' || c == '\n' || c == '\u2028' || c == '\u00ad' || c == '\u200b') {
                if (!cur.isEmpty()) {
                    segments.add(cur.toString());
                    cur.setLength(0);
                }
                while (i + 1 < s.length() && " \t>\r\n".indexOf(s.charAt(i + 1)) >= 0) {
                    i++;
                }
            } else if (c == '=' && !cur.isEmpty()) {
                continue;
            } else {
                break;
            }
        }
        if (!cur.isEmpty()) {
            segments.add(cur.toString());
        }
        return segments;
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** Decodes valid {@code %XX} escapes as UTF-8 and leaves everything else as it is. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
