package dev.parley.didcomm.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.PrivateKeyJwk;
import dev.parley.didcomm.did.ResolvedDid;
import dev.parley.didcomm.did.SecretResolver;
import dev.parley.didcomm.did.VerificationKey;
import dev.parley.didcomm.envelope.internal.Jwe;
import dev.parley.didcomm.envelope.internal.Jws;
import dev.parley.didcomm.json.JsonLimitExceededException;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.json.StrictJson;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.message.MessageCodec;
import dev.parley.didcomm.problem.DidCommException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Unpacks any DIDComm v2 envelope: detects each layer, unwraps it, and enforces the spec's checks:
 * layer order ({@link Layer}), the authcrypt sender key and the signer belong to {@code from}, the
 * signer's key is in its DID's {@code authentication}, the decrypting key's DID is in {@code to} (when
 * present), {@code expires_time} against the injected clock, {@code from_prior}, and size, nesting and
 * duplicate-key limits on every JSON document.
 *
 * <p>Thread-safe if the resolver is. Every failure is a {@link DidCommException} with a problem code.
 */
public final class DidCommUnpacker {

    private final DidResolver resolver;
    private final Clock clock;
    private final StrictJson json;
    private final MessageCodec codec;
    private final Jwe jwe;
    private final Jws jws;

    public DidCommUnpacker(DidResolver resolver, Clock clock, JsonLimits limits) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = new StrictJson(limits);
        this.codec = new MessageCodec(json);
        this.jwe = new Jwe(json);
        this.jws = new Jws(json);
    }

    public Unpacked unpack(String envelope, SecretResolver secrets) throws DidCommException {
        return unpack(envelope.getBytes(StandardCharsets.UTF_8), secrets);
    }

    /** Unwraps all layers with the recipient's {@code secrets} and returns the checked message. */
    public Unpacked unpack(byte[] envelope, SecretResolver secrets) throws DidCommException {
        ObjectNode node = json.readObject(envelope, "DIDComm message");
        List<Layer> layers = new ArrayList<>(4);
        List<String> recipientDids = new ArrayList<>(2);
        String skid = null;
        String encAlgAuth = null;
        String encAlgAnon = null;
        List<String> toKids = List.of();
        String decryptedWith = null;
        String signKid = null;
        String signAlg = null;
        Message message = null;
        while (message == null) {
            Layer layer;
            if (node.has("ciphertext")) {
                Jwe.Parsed p = jwe.parse(node);
                layer = p.alg() == KeyWrap.ECDH_1PU_A256KW ? Layer.AUTHCRYPT : Layer.ANONCRYPT;
                enter(layers, layer);
                int index = -1;
                PrivateKeyJwk own = null;
                for (int i = 0; i < p.kids().size() && own == null; i++) {
                    Optional<PrivateKeyJwk> k = secrets.find(p.kids().get(i));
                    if (k.isPresent()) {
                        index = i;
                        own = k.get();
                    }
                }
                for (int i = 0; i < p.kids().size() && own == null; i++) {
                    Optional<PrivateKeyJwk> k = ownKeyByAlias(p.kids().get(i), secrets);
                    if (k.isPresent()) {
                        index = i;
                        own = k.get();
                    }
                }
                if (own == null) {
                    throw new NotARecipientException("this agent holds none of the recipient keys " + p.kids());
                }
                VerificationKey sender = null;
                if (layer == Layer.AUTHCRYPT) {
                    String senderKid = p.skid();
                    ResolvedDid senderDoc = resolver.resolve(VerificationKey.didOf(senderKid));
                    sender = senderDoc.keyAgreementKey(senderKid).orElseThrow(() -> new KeyNotAuthorizedException(
                            "authcrypt sender key " + senderKid + " is not a keyAgreement key of its DID"));
                    skid = senderKid;
                    encAlgAuth = p.alg().wireName() + "/" + p.enc().wireName();
                } else {
                    encAlgAnon = p.alg().wireName() + "/" + p.enc().wireName();
                }
                byte[] plain = jwe.decrypt(p, index, own.jwk(), sender == null ? null : sender.publicJwk());
                recipientDids.add(VerificationKey.didOf(p.kids().get(0)));
                toKids = p.kids();
                decryptedWith = own.kid();
                node = json.readObject(plain, "decrypted JWE payload");
            } else if (node.has("payload")) {
                enter(layers, Layer.SIGNED);
                Jws.Parsed p = jws.parse(node);
                ResolvedDid signerDoc = resolver.resolve(VerificationKey.didOf(p.kid()));
                VerificationKey key = signerDoc.authenticationKey(p.kid()).orElseThrow(() ->
                        new KeyNotAuthorizedException("signing key " + p.kid()
                                + " is not in the authentication section of its DID"));
                jws.verify(p, key.publicJwk());
                signKid = p.kid();
                signAlg = p.alg().wireName();
                node = json.readObject(p.payload(), "JWS payload");
            } else {
                enter(layers, Layer.PLAINTEXT);
                message = codec.fromTree(node);
            }
        }
        check(message, layers, skid, signKid, recipientDids);
        String fromPriorKid = null;
        if (message.fromPrior() != null) {
            fromPriorKid = FromPrior.verify(message.fromPrior(), message.from(), resolver, json).issuerKid();
        }
        boolean encrypted = layers.contains(Layer.ANONCRYPT) || layers.contains(Layer.AUTHCRYPT);
        return new Unpacked(message, new UnpackMetadata(
                encrypted,
                skid != null || signKid != null,
                signKid != null,
                layers.get(0) == Layer.ANONCRYPT,
                skid,
                toKids,
                decryptedWith,
                signKid,
                encAlgAuth,
                encAlgAnon,
                signAlg,
                fromPriorKid,
                layers));
    }

    /** Our key named by another id style (did:peer:2 multibase fragments), found through our own DID document. */
    private Optional<PrivateKeyJwk> ownKeyByAlias(String kid, SecretResolver secrets) {
        try {
            return resolver.resolve(VerificationKey.didOf(kid)).keyAgreementKey(kid)
                    .flatMap(k -> secrets.find(k.id()));
        } catch (DidResolutionException e) {
            // A recipient DID we cannot resolve is not one of ours; the caller reports NotARecipient.
            return Optional.empty();
        }
    }

    private void enter(List<Layer> layers, Layer next) throws DidCommException {
        if (!layers.isEmpty() && !layers.get(layers.size() - 1).mayContain(next)) {
            throw new InvalidEnvelopeException("a " + next + " layer may not appear inside " + layers.get(layers.size() - 1)
                    + "; DIDComm nests anoncrypt > authcrypt > signed > plaintext");
        }
        if (next != Layer.PLAINTEXT && layers.size() >= json.limits().maxEnvelopeLayers()) {
            throw new JsonLimitExceededException("more than " + json.limits().maxEnvelopeLayers()
                    + " envelope layers (JsonLimits.maxEnvelopeLayers)");
        }
        layers.add(next);
    }

    private void check(Message m, List<Layer> layers, String skid, String signKid, List<String> recipientDids)
            throws DidCommException {
        if (skid != null) {
            String senderDid = VerificationKey.didOf(skid);
            if (!senderDid.equals(m.from())) {
                throw new SenderMismatchException("authcrypt sender " + senderDid + " is not the message's from ("
                        + m.from() + ")");
            }
        }
        if (signKid != null) {
            String signerDid = VerificationKey.didOf(signKid);
            if (!signerDid.equals(m.from())) {
                throw new SenderMismatchException("signer " + signerDid + " is not the message's from (" + m.from() + ")");
            }
        }
        if (!m.to().isEmpty()) {
            for (String did : recipientDids) {
                if (!m.to().contains(did)) {
                    throw new RecipientMismatchException("message was encrypted to " + did
                            + ", which is not in its \"to\" " + m.to());
                }
            }
        }
        if (m.expiresTime() != null && !clock.instant().isBefore(m.expiresTime())) {
            throw new ExpiredMessageException("message " + m.id() + " expired at " + m.expiresTime());
        }
        if (layers.contains(Layer.AUTHCRYPT) || layers.contains(Layer.ANONCRYPT)) {
            return;
        }
        if (m.fromPrior() != null) {
            throw new InvalidFromPriorException("a message carrying from_prior must be encrypted");
        }
    }
}
