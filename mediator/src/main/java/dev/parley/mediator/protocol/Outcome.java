package dev.parley.mediator.protocol;

import java.util.Optional;

/**
 * What the transport answers: an HTTP status and, when the sender asked for {@code return_route}, a reply
 * envelope. A WebSocket sends only the reply.
 *
 * @param status HTTP status (202 accepted, 200 with a reply, 4xx/5xx refused)
 * @param reply the envelope to send back, if any
 * @param mediaType its media type
 */
public record Outcome(int status, Optional<byte[]> reply, String mediaType) {

    public static final String ENCRYPTED = "application/didcomm-encrypted+json";
    public static final String PLAIN = "application/didcomm-plain+json";

    public static Outcome accepted() {
        return new Outcome(202, Optional.empty(), null);
    }

    public static Outcome reply(int status, byte[] envelope, String mediaType) {
        return new Outcome(status, Optional.of(envelope), mediaType);
    }
}
