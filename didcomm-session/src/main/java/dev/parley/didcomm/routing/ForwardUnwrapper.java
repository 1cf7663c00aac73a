package dev.parley.didcomm.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.SecretResolver;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.json.StrictJson;
import dev.parley.didcomm.message.AttachmentData;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The mediator side of routing 2.0: unpacks an envelope addressed to one of the mediator's routing keys,
 * requires it to be an encrypted {@code forward} with a {@code next} and exactly one attached envelope, and
 * returns both. The attached envelope is checked to be a bounded JSON object but is not opened.
 *
 * <p>Thread-safe if the resolver is.
 */
public final class ForwardUnwrapper {

    private final DidCommUnpacker unpacker;
    private final StrictJson json;

    public ForwardUnwrapper(DidResolver resolver, Clock clock, JsonLimits limits) {
        this.unpacker = new DidCommUnpacker(resolver, clock, limits);
        this.json = new StrictJson(limits);
    }

    /** Unwraps one forward layer with the mediator's keys. */
    public ForwardRequest unwrap(byte[] envelope, SecretResolver mediatorKeys) throws DidCommException {
        Unpacked u = unpacker.unpack(envelope, mediatorKeys);
        Message m = u.message();
        if (!DidCommPacker.FORWARD_TYPE.equals(m.type())) {
            throw new InvalidForwardException("expected a " + DidCommPacker.FORWARD_TYPE + " message, got " + m.type());
        }
        if (!u.metadata().encrypted()) {
            throw new InvalidForwardException("a forward must arrive encrypted to the mediator");
        }
        JsonNode next = m.body().get("next");
        if (next == null || !next.isTextual() || !next.textValue().startsWith("did:")) {
            throw new InvalidForwardException("forward body lacks \"next\" (the DID of the next hop)");
        }
        if (m.attachments().size() != 1) {
            throw new InvalidForwardException("a forward must carry exactly one attached message, found "
                    + m.attachments().size());
        }
        byte[] payload = switch (m.attachments().get(0).data()) {
            case AttachmentData.JsonData j -> json.write(j.json());
            case AttachmentData.Base64Data b -> b.decode();
            case AttachmentData.LinksData l -> throw new InvalidForwardException(
                    "forwarded messages must be attached inline, not by link");
        };
        json.readObject(payload, "forwarded message");
        return new ForwardRequest(next.textValue(), new String(payload, StandardCharsets.UTF_8), m, u.metadata());
    }

    /** As {@link #unwrap(byte[], SecretResolver)} for JSON text. */
    public ForwardRequest unwrap(String envelope, SecretResolver mediatorKeys) throws DidCommException {
        return unwrap(envelope.getBytes(StandardCharsets.UTF_8), mediatorKeys);
    }
}
