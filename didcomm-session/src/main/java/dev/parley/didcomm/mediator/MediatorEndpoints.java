package dev.parley.didcomm.mediator;

import dev.parley.didcomm.did.DidCommService;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.DidResolver;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a mediator listens, read from its DID's DIDCommMessaging services: the first {@code http(s)} URI
 * for requests and forwards, the first {@code ws(s)} URI for live pickup. So a mediator invitation (whose
 * {@code from} is the mediator's DID) is all a client needs. Immutable.
 */
public record MediatorEndpoints(URI http, Optional<URI> webSocket) {

    public MediatorEndpoints {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(webSocket, "webSocket");
    }

    /** Resolves {@code mediatorDid} and picks its endpoints; fails when it lists no HTTP endpoint. */
    public static MediatorEndpoints resolve(String mediatorDid, DidResolver resolver) throws MediatorClientException {
        URI http = null;
        URI ws = null;
        try {
            for (DidCommService s : resolver.resolve(mediatorDid).services()) {
                String uri = s.uri();
                if (http == null && (uri.startsWith("https://") || uri.startsWith("http://"))) {
                    http = URI.create(uri);
                } else if (ws == null && (uri.startsWith("wss://") || uri.startsWith("ws://"))) {
                    ws = URI.create(uri);
                }
            }
        } catch (DidResolutionException | IllegalArgumentException e) {
            throw new MediatorClientException("cannot read the endpoints of the mediator " + mediatorDid + ": "
                    + e.getMessage(), e);
        }
        if (http == null) {
            throw new MediatorClientException("the mediator " + mediatorDid
                    + " lists no http(s) DIDCommMessaging service to send to");
        }
        return new MediatorEndpoints(http, Optional.ofNullable(ws));
    }
}
