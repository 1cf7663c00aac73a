package dev.parley.mediator.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.metrics.RejectReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A protocol the engine serves beside its built-in ones (e.g. relay allocation). The engine does what every request
 * needs first: expiry and replay checks, and authorization: an extension is only ever called for an authenticated
 * DID holding a mediation grant. It then seals the reply or turns a {@link Refused} into a problem-report, and counts
 * both. Implementations must be thread-safe; they never see envelopes or keys.
 */
public interface ProtocolExtension {

    /** The protocol identifier without a trailing slash, e.g. {@code https://parley.dev/protocols/relay/1.0}. */
    String piuri();

    /** The mediator's role in the protocol, for discover-features. */
    String role();

    /** The message names (after {@code piuri() + "/"}) this extension answers; others are unsupported types. */
    Set<String> messageNames();

    /**
     * Answers one request.
     *
     * @param sender the authenticated, mediated DID that sent {@code message}
     * @param now    the time the request arrived
     * @return the reply's type and body; the engine addresses it, threads it and encrypts it to {@code sender}
     * @throws Refused with the problem code the client sees
     */
    Reply handle(String sender, Message message, Instant now) throws Refused;

    /** The reply to send: a full message type URI and its body. */
    record Reply(String type, ObjectNode body) {
        public Reply {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(body, "body");
        }
    }

    /** A refusal: counted under {@code reason}, answered with HTTP {@code status} and problem {@code code}. */
    final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final RejectReason reason;
        private final int status;
        private final String code;

        /** @param comment what is wrong and how to fix it; it reaches the client */
        public Refused(RejectReason reason, int status, String code, String comment) {
            super(comment, null, false, false);
            this.reason = Objects.requireNonNull(reason, "reason");
            this.status = status;
            this.code = Objects.requireNonNull(code, "code");
        }

        public RejectReason reason() {
            return reason;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }
}
