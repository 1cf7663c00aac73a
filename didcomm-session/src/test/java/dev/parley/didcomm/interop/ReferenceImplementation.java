package dev.parley.didcomm.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.did.DidCommService;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.did.LocalKeys;
import dev.parley.didcomm.did.ResolvedDid;
import dev.parley.didcomm.did.VerificationKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Drives the DIDComm reference implementation (didcomm-node 0.4.1, SICPA didcomm-rust as WASM) through
 * {@code src/test/node/interop.js}: one long-lived Node process, one JSON line per request. The Java side
 * feeds it DID documents and secrets per call. Missing Node or modules is a failure, never a skip.
 */
final class ReferenceImplementation implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private int nextId = 1;

    /** Thrown when the reference implementation rejects a request; carries its message. */
    static final class ReferenceError extends Exception {
        private static final long serialVersionUID = 1L;

        ReferenceError(String message) {
            super(message);
        }
    }

    ReferenceImplementation() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("parley.interop.dir", "src/test/node"));
        if (!Files.isDirectory(dir.resolve("node_modules/didcomm-node"))) {
            throw new IllegalStateException("didcomm-node is not installed in " + dir.toAbsolutePath()
                    + "; the Maven build runs 'npm ci' there (it needs the npm registry)");
        }
        process = new ProcessBuilder("node", "interop.js").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        stdin = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("{\"id\":-1,\"ok\":false,\"error\":\"reader: " + e.getMessage() + "\"}");
            }
        }, "didcomm-node-reader");
        reader.setDaemon(true);
        reader.start();
        JsonNode ready = MAPPER.readTree(take());
        if (!"ready".equals(ready.path("result").asText())) {
            throw new IllegalStateException("reference implementation did not start: " + ready);
        }
    }

    private String take() throws InterruptedException {
        String line = lines.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            throw new IllegalStateException("no answer from the reference implementation in " + TIMEOUT_SECONDS + " s");
        }
        return line;
    }

    /** Sends {@code request} (op and arguments) with the given documents and secrets; returns the result. */
    JsonNode call(ObjectNode request, Collection<ResolvedDid> docs, Collection<LocalIdentity> secrets)
            throws IOException, InterruptedException, ReferenceError {
        int id = nextId++;
        request.put("id", id);
        ArrayNode d = request.putArray("docs");
        docs.forEach(doc -> d.add(didDoc(doc)));
        ArrayNode s = request.putArray("secrets");
        for (LocalIdentity li : secrets) {
            LocalKeys keys = (LocalKeys) li.secrets();
            for (String kid : keys.kids()) {
                ObjectNode secret = s.addObject();
                secret.put("id", kid);
                secret.put("type", "JsonWebKey2020");
                secret.set("privateKeyJwk", MAPPER.valueToTree(keys.find(kid).orElseThrow().jwk().toJSONObject()));
            }
        }
        stdin.write((MAPPER.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        JsonNode resp = MAPPER.readTree(take());
        if (resp.path("id").asInt() != id) {
            throw new IllegalStateException("reference answered request " + resp.path("id") + ", expected " + id);
        }
        if (!resp.path("ok").asBoolean()) {
            throw new ReferenceError(resp.path("error").asText());
        }
        return resp.get("result");
    }

    static ObjectNode request(String op) {
        return MAPPER.createObjectNode().put("op", op);
    }

    /** A DID document in didcomm-node's shape (JsonWebKey2020 methods, key ids by reference). */
    static ObjectNode didDoc(ResolvedDid doc) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", doc.did());
        ArrayNode vms = o.putArray("verificationMethod");
        ArrayNode auth = o.putArray("authentication");
        ArrayNode ka = o.putArray("keyAgreement");
        java.util.Set<String> added = new java.util.HashSet<>();
        for (VerificationKey k : doc.authentication()) {
            auth.add(k.id());
            addMethod(vms, added, doc, k);
        }
        for (VerificationKey k : doc.keyAgreement()) {
            ka.add(k.id());
            addMethod(vms, added, doc, k);
        }
        ArrayNode services = o.putArray("service");
        for (DidCommService s : doc.services()) {
            ObjectNode so = services.addObject();
            so.put("id", s.id());
            so.put("type", "DIDCommMessaging");
            ObjectNode ep = so.putObject("serviceEndpoint");
            ep.put("uri", s.uri());
            ArrayNode accept = ep.putArray("accept");
            s.accept().forEach(accept::add);
            ArrayNode rk = ep.putArray("routingKeys");
            s.routingKeys().forEach(rk::add);
        }
        return o;
    }

    private static void addMethod(ArrayNode vms, java.util.Set<String> added, ResolvedDid doc, VerificationKey k) {
        if (added.add(k.id())) {
            ObjectNode vm = vms.addObject();
            vm.put("id", k.id());
            vm.put("type", "JsonWebKey2020");
            vm.put("controller", doc.did());
            vm.set("publicKeyJwk", MAPPER.valueToTree(k.publicJwk().toJSONObject()));
        }
    }

    @Override
    public void close() throws IOException {
        stdin.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
