package dev.parley.didcomm.oob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.did.Did;
import dev.parley.did.DidException;
import dev.parley.didcomm.message.Attachment;
import dev.parley.didcomm.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An out-of-band 2.0 invitation ({@value #TYPE}). Its {@code id} becomes the {@code pthid} of every reply.
 * Immutable; construction validates {@code from} as a DID (through did-core).
 *
 * @param id invitation id (the replies' parent thread id)
 * @param from the inviter's DID (required for OOB)
 * @param goalCode machine-readable goal, or null
 * @param goal human-readable goal, or null
 * @param accept accepted DIDComm profiles in order of preference, e.g. {@code didcomm/v2}; may be empty
 * @param attachments request messages the invitee may answer, in order of preference
 */
public record Invitation(String id, String from, String goalCode, String goal, List<String> accept,
        List<Attachment> attachments) {

    public static final String TYPE = "https://didcomm.org/out-of-band/2.0/invitation";

    public Invitation {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an invitation needs an id");
        }
        Objects.requireNonNull(from, "an invitation needs a from DID");
        try {
            Did.parse(from);
        } catch (DidException e) {
            throw new IllegalArgumentException("invitation from is not a DID: " + e.getMessage(), e);
        }
        accept = accept == null ? List.of() : List.copyOf(accept);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** The invitation as a plaintext DIDComm message. */
    public Message toMessage() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (goalCode != null) {
            body.put("goal_code", goalCode);
        }
        if (goal != null) {
            body.put("goal", goal);
        }
        if (!accept.isEmpty()) {
            ArrayNode a = body.putArray("accept");
            accept.forEach(a::add);
        }
        return Message.builder(id, TYPE).from(from).body(body).attachments(attachments).build();
    }

    /** Reads an invitation from a message, checking its type, sender and body. */
    public static Invitation fromMessage(Message m) throws InvalidInvitationException {
        if (!TYPE.equals(m.type())) {
            throw new InvalidInvitationException("the link holds a " + m.type() + " message, not an invitation");
        }
        if (m.from() == null) {
            throw new InvalidInvitationException("the invitation does not say who sent it (no \"from\")");
        }
        JsonNode body = m.body();
        List<String> accept = new ArrayList<>();
        JsonNode a = body.get("accept");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) {
                throw new InvalidInvitationException("invitation accept must be an array of strings");
            }
            for (JsonNode e : a) {
                if (!e.isTextual()) {
                    throw new InvalidInvitationException("invitation accept must be an array of strings");
                }
                accept.add(e.textValue());
            }
        }
        try {
            return new Invitation(m.id(), m.from(), text(body, "goal_code"), text(body, "goal"), accept, m.attachments());
        } catch (IllegalArgumentException e) {
            throw new InvalidInvitationException(e.getMessage(), e);
        }
    }

    private static String text(JsonNode body, String field) throws InvalidInvitationException {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInvitationException("invitation " + field + " must be a string");
        }
        return v.textValue();
    }
}
