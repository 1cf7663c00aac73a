package dev.parley.mpc.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.did.DidException;
import dev.parley.did.DidResolver;
import dev.parley.did.VerificationMethod;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.Signatures;
import dev.parley.mpc.group.internal.GroupJson;
import dev.parley.mpc.program.ProgramDescriptor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A roster with the host's Ed25519 signature over its canonical bytes, detached, and the id of the host DID's
 * authentication method that made it. Immutable.
 *
 * @param kid absolute DID URL of the signing key, which must be an authentication method of the host DID
 */
public record SignedRoster(Roster roster, String kid, byte[] signature) {
    private static final int SIGNATURE_BYTES = 64;

    public SignedRoster {
        Objects.requireNonNull(roster, "roster");
        Objects.requireNonNull(kid, "kid");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Signs with the host's signing key, which must be an authentication method of its DID. */
    public static SignedRoster sign(Roster roster, GroupIdentity host, DidResolver resolver) throws DidException {
        if (!roster.hostDid().equals(host.did())) {
            throw new IllegalArgumentException("only the host " + roster.hostDid() + " signs its roster, not "
                    + host.did());
        }
        VerificationMethod method = resolver.resolve(host.did()).authenticationMethods().stream()
                .filter(m -> m.publicKey().equals(host.signingKey().publicKey())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the signing key is not an authentication method of "
                        + host.did()));
        byte[] sig = Signatures.signer(host.signingKey()).sign(roster.canonicalBytes());
        return new SignedRoster(roster, method.absoluteId().toString(), sig);
    }

    /**
     * Checks the signature against the host DID's authentication key named by {@link #kid}.
     *
     * @throws InvalidRosterException when the key is not the host's, not Ed25519, or the signature does not verify
     */
    public void verify(DidResolver resolver) throws InvalidRosterException {
        String host = roster.hostDid();
        if (!kid.startsWith(host + "#")) {
            throw new InvalidRosterException("the roster is signed with " + kid + ", which is not a key of the host "
                    + host);
        }
        VerificationMethod method;
        try {
            method = resolver.resolve(host).authenticationMethods().stream()
                    .filter(m -> m.absoluteId().toString().equals(kid)).findFirst()
                    .orElseThrow(() -> new InvalidRosterException("the roster's signing key " + kid
                            + " is not an authentication method of the host"));
        } catch (DidException e) {
            throw new InvalidRosterException("cannot resolve the host " + host + " to check its roster: "
                    + e.getMessage(), e);
        }
        if (method.publicKey().type() != KeyType.ED25519) {
            throw new InvalidRosterException("the roster's signing key " + kid + " is " + method.publicKey().type()
                    + ", expected Ed25519");
        }
        boolean ok;
        try {
            ok = signature.length == SIGNATURE_BYTES
                    && Signatures.verifier(method.publicKey()).verify(roster.canonicalBytes(), signature);
        } catch (DidException e) {
            throw new InvalidRosterException("cannot check the roster signature: " + e.getMessage(), e);
        }
        if (!ok) {
            throw new InvalidRosterException("the roster's signature does not verify against the host's key " + kid
                    + ": the roster was altered or not signed by the host");
        }
    }

    /** The body of a roster message. */
    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode r = body.putObject("roster");
        r.put("group", roster.groupId());
        r.put("host", roster.hostDid());
        r.set("program", GroupJson.descriptor(roster.program()));
        r.put("fingerprint", roster.fingerprint().hex());
        r.put("threshold", roster.threshold());
        ArrayNode parties = r.putArray("parties");
        roster.parties().forEach(parties::add);
        ObjectNode s = body.putObject("signature");
        s.put("alg", "EdDSA");
        s.put("kid", kid);
        s.put("sig", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        return body;
    }

    /** Reads a roster message body (checking shape and bounds, not the signature: call {@link #verify}). */
    public static SignedRoster fromJson(JsonNode body) throws InvalidRosterException {
        try {
            ObjectNode r = GroupJson.object(body, "roster");
            ProgramDescriptor program = GroupJson.readDescriptor(r, "program");
            if (!program.fingerprint().hex().equals(GroupJson.text(r, "fingerprint"))) {
                throw new InvalidRosterException("the roster's fingerprint does not match its program " + program);
            }
            JsonNode list = r.get("parties");
            if (list == null || !list.isArray() || list.size() > GroupProtocol.MAX_PARTIES) {
                throw new InvalidRosterException("the roster's \"parties\" must be an array of at most "
                        + GroupProtocol.MAX_PARTIES + " DIDs");
            }
            List<String> parties = new ArrayList<>();
            for (JsonNode p : list) {
                if (!p.isTextual()) {
                    throw new InvalidRosterException("the roster's \"parties\" must hold DIDs as strings");
                }
                parties.add(p.textValue());
            }
            Roster roster = new Roster(GroupJson.text(r, "group"), GroupJson.text(r, "host"), program,
                    GroupJson.integer(r, "threshold"), parties);
            ObjectNode s = GroupJson.object(body, "signature");
            if (!"EdDSA".equals(GroupJson.text(s, "alg"))) {
                throw new InvalidRosterException("the roster's signature must be EdDSA, got " + s.get("alg"));
            }
            return new SignedRoster(roster, GroupJson.text(s, "kid"),
                    Base64.getUrlDecoder().decode(GroupJson.text(s, "sig")));
        } catch (IllegalArgumentException e) {
            throw new InvalidRosterException("the roster is malformed: " + e.getMessage(), e);
        }
    }
}
