package dev.parley.mediator.identity;

import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.KeystoreIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import dev.parley.mediator.protocol.EnvelopeCodec;
import dev.parley.mediator.protocol.Inbound;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * {@link EnvelopeCodec} on didcomm-session's packer and unpacker with the mediator's own keys. Replies are
 * authcrypted from the mediator's DID. Thread-safe.
 */
public final class DidCommEnvelopeCodec implements EnvelopeCodec {

    private final DidCommUnpacker unpacker;
    private final DidCommPacker packer;
    private final LocalIdentity self;

    public DidCommEnvelopeCodec(MediatorIdentity identity, DidResolver resolver, Clock clock, SecureRandom random,
            JsonLimits limits) throws IdentityException {
        this.unpacker = new DidCommUnpacker(resolver, clock, limits);
        this.packer = new DidCommPacker(resolver, random, limits);
        try {
            this.self = KeystoreIdentities.toLocalIdentity(identity.identity(), resolver);
        } catch (DidResolutionException e) {
            throw new IdentityException("the mediator's own DID does not resolve: " + e.getMessage(), e);
        }
    }

    @Override
    public Inbound open(byte[] envelope) throws DidCommException {
        Unpacked u = unpacker.unpack(envelope, self.secrets());
        Optional<String> sender = u.metadata().authenticated() ? Optional.ofNullable(u.message().from())
                : Optional.empty();
        return new Inbound(u.message(), sender, u.metadata().encrypted());
    }

    @Override
    public byte[] seal(Message reply, String toDid) throws DidCommException {
        return packer.packFor(reply, toDid, PackOptions.authcrypt(), self).json().getBytes(StandardCharsets.UTF_8);
    }
}
