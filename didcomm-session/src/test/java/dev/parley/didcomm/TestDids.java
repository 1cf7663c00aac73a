package dev.parley.didcomm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import dev.parley.didcomm.did.DidCommService;
import dev.parley.didcomm.did.LocalKeys;
import dev.parley.didcomm.did.PrivateKeyJwk;
import dev.parley.didcomm.did.ResolvedDid;
import dev.parley.didcomm.did.VerificationKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures: the spec appendix's DID documents (JsonWebKey2020) and secrets, read from test resources. */
public final class TestDids {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private TestDids() {
    }

    /** A test resource as a tree. */
    public static JsonNode resource(String path) {
        try (InputStream in = TestDids.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code value} of a vector file ({@code {"source": ..., "value": ...}}). */
    public static JsonNode vector(String name) {
        JsonNode n = resource("appendix/" + name + ".json");
        if (!n.path("source").asText().contains("Appendix")) {
            throw new IllegalStateException("vector " + name + " lacks its source line");
        }
        return n.get("value");
    }

    /** A W3C DID document whose methods carry publicKeyJwk (embedded or referenced). */
    public static ResolvedDid didDoc(JsonNode doc) {
        String did = doc.get("id").asText();
        Map<String, JsonNode> methods = new HashMap<>();
        for (JsonNode vm : doc.path("verificationMethod")) {
            methods.put(vm.get("id").asText(), vm);
        }
        List<DidCommService> services = new ArrayList<>();
        for (JsonNode s : doc.path("service")) {
            JsonNode ep = s.get("serviceEndpoint");
            List<String> rk = new ArrayList<>();
            ep.path("routingKeys").forEach(k -> rk.add(k.asText()));
            services.add(new DidCommService(s.get("id").asText(), ep.get("uri").asText(), List.of(), rk));
        }
        return new ResolvedDid(did, keys(doc.path("authentication"), methods), keys(doc.path("keyAgreement"), methods),
                services);
    }

    private static List<VerificationKey> keys(JsonNode refs, Map<String, JsonNode> methods) {
        List<VerificationKey> out = new ArrayList<>();
        for (JsonNode r : refs) {
            JsonNode vm = r.isTextual() ? methods.get(r.asText()) : r;
            try {
                out.add(new VerificationKey(vm.get("id").asText(), JWK.parse(vm.get("publicKeyJwk").toString())));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Secrets as in Appendix A (tolerating the spec's {@code "kid "} typo in A.2). */
    public static LocalKeys secrets(JsonNode arr) {
        List<PrivateKeyJwk> keys = new ArrayList<>();
        for (JsonNode s : arr) {
            String kid = s.has("kid") ? s.get("kid").asText() : s.get("kid ").asText();
            com.fasterxml.jackson.databind.node.ObjectNode jwk = s.deepCopy();
            jwk.remove("kid ");
            jwk.remove("kid");
            try {
                keys.add(new PrivateKeyJwk(kid, JWK.parse(jwk.toString())));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        return new LocalKeys(keys);
    }

    public static ResolvedDid alice() {
        return didDoc(vector("diddoc-alice"));
    }

    public static ResolvedDid bob() {
        return didDoc(vector("diddoc-bob"));
    }

    public static LocalKeys aliceSecrets() {
        return secrets(vector("secrets-alice"));
    }

    public static LocalKeys bobSecrets() {
        return secrets(vector("secrets-bob"));
    }
}
