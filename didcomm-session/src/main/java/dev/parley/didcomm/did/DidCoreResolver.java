package dev.parley.didcomm.did;

import com.nimbusds.jose.jwk.JWK;
import dev.parley.did.DidCommMessagingService;
import dev.parley.did.DidDocument;
import dev.parley.did.DidException;
import dev.parley.did.VerificationMethod;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Adapts did-core's resolver (did:key, did:peer in every encoding did-core reads) to DIDComm's
 * {@link DidResolver}: methods become absolute-id JWKs, relative service ids become absolute, and each
 * key also answers to the multibase-fragment id style older did:peer:2 implementations use.
 * Wrap it in {@link CachingDidResolver} so the conversion runs once per DID. Thread-safe.
 */
public final class DidCoreResolver implements DidResolver {

    private final dev.parley.did.DidResolver didCore;

    public DidCoreResolver(dev.parley.did.DidResolver didCore) {
        this.didCore = Objects.requireNonNull(didCore, "didCore");
    }

    /** A resolver for every DID method did-core finds on the class path. */
    public static DidCoreResolver withInstalledMethods() {
        return new DidCoreResolver(dev.parley.did.DidResolver.withInstalledMethods(256));
    }

    @Override
    public ResolvedDid resolve(String did) throws DidResolutionException {
        DidDocument doc;
        try {
            doc = didCore.resolve(did);
        } catch (DidException e) {
            throw new DidResolutionException("cannot resolve " + shorten(did) + ": " + e.getMessage(), e);
        }
        String id = doc.id().toString();
        List<DidCommService> services = new ArrayList<>();
        for (DidCommMessagingService s : doc.didCommServices()) {
            services.add(new DidCommService(s.id().startsWith("#") ? id + s.id() : s.id(), s.uri(), s.accept(),
                    s.routingKeys()));
        }
        return new ResolvedDid(id, keys(doc.authenticationMethods()), keys(doc.keyAgreementMethods()), services);
    }

    private static List<VerificationKey> keys(List<VerificationMethod> methods) throws DidResolutionException {
        List<VerificationKey> out = new ArrayList<>(methods.size());
        for (VerificationMethod vm : methods) {
            String id = vm.absoluteId().toString();
            String did = VerificationKey.didOf(id);
            String multibase = vm.publicKey().toMultibase();
            List<String> aliases = new ArrayList<>(2);
            for (String alt : List.of(did + "#" + multibase, did + "#" + multibase.substring(1))) {
                if (!alt.equals(id)) {
                    aliases.add(alt);
                }
            }
            out.add(new VerificationKey(id, toNimbus(vm.publicKey().toJwk()), aliases));
        }
        return out;
    }

    /** A did-core JWK as a Nimbus JWK. */
    static JWK toNimbus(dev.parley.did.crypto.Jwk jwk) throws DidResolutionException {
        try {
            return JWK.parse(jwk.toJson());
        } catch (ParseException e) {
            throw new DidResolutionException("did-core produced a JWK Nimbus cannot read: " + e.getMessage(), e);
        }
    }

    private static String shorten(String did) {
        return did.length() <= 80 ? did : did.substring(0, 77) + "...";
    }
}
