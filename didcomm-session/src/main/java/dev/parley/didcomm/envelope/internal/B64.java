package dev.parley.didcomm.envelope.internal;

import dev.parley.didcomm.envelope.InvalidEnvelopeException;
import java.util.Base64;

/** Unpadded base64url as JOSE uses it; decoding rejects padding and foreign characters. */
public final class B64 {

    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private B64() {
    }

    public static String encode(byte[] bytes) {
        return ENC.encodeToString(bytes);
    }

    /** Decodes unpadded base64url; {@code what} names the field in the error. */
    public static byte[] decode(String s, String what) throws InvalidEnvelopeException {
        if (s.indexOf('=') >= 0) {
            throw new InvalidEnvelopeException(what + " must be unpadded base64url");
        }
        try {
            return DEC.decode(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvelopeException(what + " is not valid base64url", e);
        }
    }
}
