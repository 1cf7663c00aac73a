package dev.parley.didcomm.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import dev.parley.didcomm.did.DidCommService;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.did.PrivateKeyJwk;
import dev.parley.didcomm.did.ResolvedDid;
import dev.parley.didcomm.did.VerificationKey;
import dev.parley.didcomm.envelope.internal.Jwe;
import dev.parley.didcomm.envelope.internal.Jws;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.json.StrictJson;
import dev.parley.didcomm.message.Attachment;
import dev.parley.didcomm.message.AttachmentData;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.message.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Packs DIDComm v2 messages: plain, signed, anoncrypt, authcrypt, sign-then-encrypt, anoncrypt(authcrypt)
 * and routing 2.0 forward wrapping. Recipient keys are chosen by the spec's rules (all keyAgreement keys
 * of the recipient DID on one curve; one JWE per recipient DID).
 *
 * <p>Thread-safe if the resolver is; randomness comes from the injected {@link SecureRandom}
 * (XC20P nonces come from Tink's own generator).
 */
public final class DidCommPacker {

    /** Routing 2.0 forward message type. */
    public static final String FORWARD_TYPE = "https://didcomm.org/routing/2.0/forward";

    private final DidResolver resolver;
    private final SecureRandom random;
    private final MessageCodec codec;
    private final StrictJson json;
    private final Jwe jwe;
    private final Jws jws;

    public DidCommPacker(DidResolver resolver, SecureRandom random, JsonLimits limits) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.random = Objects.requireNonNull(random, "random");
        this.json = new StrictJson(limits);
        this.codec = new MessageCodec(json);
        this.jwe = new Jwe(json);
        this.jws = new Jws(json);
    }

    /**
     * Packs {@code message} as {@code options} say. Plain and signed modes return one envelope;
     * encrypted modes return one envelope per DID in the message's {@code to}.
     *
     * @param sender the sending identity; required for signed and authcrypt modes and {@link PackOption#SIGN},
     *     may be null otherwise
     */
    public List<PackedMessage> pack(Message message, PackOptions options, LocalIdentity sender)
            throws PackingException, DidResolutionException {
        if (options.mode() == Mode.PLAIN || options.mode() == Mode.SIGNED) {
            return List.of(packFor(message, null, options, sender));
        }
        if (message.to().isEmpty()) {
            throw new PackingException("an encrypted message needs recipients: set its \"to\" header");
        }
        List<PackedMessage> out = new ArrayList<>(message.to().size());
        for (String to : message.to()) {
            out.add(packFor(message, to, options, sender));
        }
        return out;
    }

    /**
     * Packs {@code message} for one recipient.
     *
     * @param to a DID, or a DID URL of one keyAgreement key; ignored for plain and signed modes
     */
    public PackedMessage packFor(Message message, String to, PackOptions options, LocalIdentity sender)
            throws PackingException, DidResolutionException {
        byte[] payload = codec.write(message);
        String signKid = null;
        if (options.mode() == Mode.SIGNED || options.has(PackOption.SIGN)) {
            PrivateKeyJwk signKey = signingKey(message, requireSender(sender, "signing"));
            signKid = signKey.kid();
            payload = json.write(jws.sign(payload, signKid, signKey.jwk(), Jws.MEDIA_TYPE));
        }
        if (options.mode() == Mode.PLAIN || options.mode() == Mode.SIGNED) {
            return new PackedMessage(new String(payload, StandardCharsets.UTF_8), null, null, signKid, List.of(), null);
        }
        Objects.requireNonNull(to, "to");
        String toDid = VerificationKey.didOf(to);
        if (!message.to().isEmpty() && !message.to().contains(toDid)) {
            throw new PackingException("recipient " + toDid + " is not in the message's \"to\" header");
        }
        ResolvedDid recipient = resolver.resolve(toDid);
        List<VerificationKey> keys;
        String fromKid = null;
        ObjectNode envelope;
        if (options.mode() == Mode.AUTHCRYPT) {
            LocalIdentity s = requireSender(sender, "authcrypt");
            if (!s.did().equals(message.from())) {
                throw new PackingException("authcrypt sender " + s.did() + " must be the message's \"from\" ("
                        + message.from() + ")");
            }
            List<VerificationKey> candidates = RecipientKeys.select(recipient, to);
            ResolvedDid senderDoc = resolver.resolve(s.did());
            PrivateKeyJwk senderKey = null;
            Curve curve = null;
            for (VerificationKey r : recipient.keyAgreement()) {
                Curve c = RecipientKeys.curveOrNull(r);
                if (c == null || !candidates.contains(r)) {
                    continue;
                }
                Optional<PrivateKeyJwk> k = senderKeyOnCurve(senderDoc, s, c);
                if (k.isPresent()) {
                    senderKey = k.get();
                    curve = c;
                    break;
                }
            }
            if (senderKey == null) {
                throw new PackingException("no keyAgreement key of " + s.did() + " with a local private key shares a"
                        + " curve with " + to + "; add a matching key or use anoncrypt");
            }
            Curve chosen = curve;
            keys = candidates.stream().filter(k -> chosen.equals(RecipientKeys.curveOrNull(k))).toList();
            fromKid = senderKey.kid();
            envelope = jwe.encrypt(payload, KeyWrap.ECDH_1PU_A256KW, ContentEncryption.A256CBC_HS512, keys, fromKid,
                    senderKey.jwk(), random);
            if (options.has(PackOption.PROTECT_SENDER)) {
                envelope = jwe.encrypt(json.write(envelope), KeyWrap.ECDH_ES_A256KW, ContentEncryption.A256CBC_HS512,
                        keys, null, null, random);
            }
        } else {
            keys = RecipientKeys.select(recipient, to);
            envelope = jwe.encrypt(payload, KeyWrap.ECDH_ES_A256KW, options.encryption(), keys, null, null, random);
        }
        String endpoint = null;
        if (options.has(PackOption.FORWARD)) {
            DidCommService service = recipient.services().stream().findFirst().orElseThrow(() ->
                    new PackingException(toDid + " has no DIDCommMessaging service to forward through"));
            endpoint = service.uri();
            envelope = wrapInForwards(envelope, toDid, service.routingKeys(), options.encryption());
        }
        return new PackedMessage(new String(json.write(envelope), StandardCharsets.UTF_8), toDid, fromKid, signKid,
                keys.stream().map(VerificationKey::id).toList(), endpoint);
    }

    /**
     * Routing 2.0 "Sender Process to Enable Forwarding": for each routing key from last to first, attach the
     * current envelope to a {@code forward} naming the next hop and anoncrypt it for that key.
     */
    public ObjectNode wrapInForwards(ObjectNode envelope, String toDid, List<String> routingKeys,
            ContentEncryption enc) throws PackingException, DidResolutionException {
        ObjectNode current = envelope;
        for (int i = routingKeys.size() - 1; i >= 0; i--) {
            String hop = routingKeys.get(i);
            String next = i == routingKeys.size() - 1 ? toDid : routingKeys.get(i + 1);
            Message forward = Message.builder(newId(), FORWARD_TYPE)
                    .body(json.nodes().objectNode().put("next", next))
                    .attachments(List.of(Attachment.of(null, "application/didcomm-encrypted+json",
                            new AttachmentData.JsonData(current, null, null))))
                    .build();
            ResolvedDid hopDoc = resolver.resolve(VerificationKey.didOf(hop));
            current = jwe.encrypt(codec.write(forward), KeyWrap.ECDH_ES_A256KW, enc,
                    RecipientKeys.select(hopDoc, hop), null, null, random);
        }
        return current;
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static LocalIdentity requireSender(LocalIdentity sender, String why) throws PackingException {
        if (sender == null) {
            throw new PackingException(why + " needs the sender's identity and private keys");
        }
        return sender;
    }

    private PrivateKeyJwk signingKey(Message message, LocalIdentity sender)
            throws PackingException, DidResolutionException {
        if (!sender.did().equals(message.from())) {
            throw new PackingException("the signer " + sender.did() + " must be the message's \"from\" ("
                    + message.from() + ")");
        }
        ResolvedDid doc = resolver.resolve(sender.did());
        for (VerificationKey k : doc.authentication()) {
            Optional<PrivateKeyJwk> secret = sender.secrets().find(k.id());
            if (secret.isPresent() && Jws.algorithmFor(secret.get().jwk()).isPresent()) {
                return secret.get();
            }
        }
        throw new PackingException("no authentication key of " + sender.did()
                + " has a local private key that can sign (Ed25519, P-256, secp256k1)");
    }

    private static Optional<PrivateKeyJwk> senderKeyOnCurve(ResolvedDid senderDoc, LocalIdentity s, Curve c) {
        for (VerificationKey k : senderDoc.keyAgreement()) {
            if (c.equals(RecipientKeys.curveOrNull(k))) {
                Optional<PrivateKeyJwk> secret = s.secrets().find(k.id());
                if (secret.isPresent()) {
                    return secret;
                }
            }
        }
        return Optional.empty();
    }
}
