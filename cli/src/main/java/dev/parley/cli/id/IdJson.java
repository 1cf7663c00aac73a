package dev.parley.cli.id;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.Json;
import dev.parley.did.keystore.IdentitySummary;
import dev.parley.did.keystore.PublicKeyEntry;

/** The JSON shape of an identity in {@code id list --json}, {@code id show --json} and {@code id export}. */
final class IdJson {

    private IdJson() {}

    static ObjectNode summary(IdentitySummary s) {
        ObjectNode node = Json.object();
        node.put("name", s.name());
        node.put("did", s.did().toString());
        node.put("method", s.method());
        node.put("keyType", s.keyType().name().toLowerCase(java.util.Locale.ROOT));
        node.put("created", s.created().toString());
        var keys = node.putArray("publicKeys");
        for (PublicKeyEntry e : s.publicKeys()) {
            ObjectNode key = keys.addObject();
            key.put("id", s.did() + e.id());
            key.set("jwk", e.jwk().toJsonNode());
        }
        return node;
    }
}
