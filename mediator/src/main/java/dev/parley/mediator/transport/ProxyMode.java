package dev.parley.mediator.transport;

/** Whether the mediator faces clients directly or sits behind a reverse proxy it trusts. */
public enum ProxyMode {
    /** The TCP peer is the client; forwarding headers are ignored (a client could forge them). */
    DIRECT,
    /**
     * A trusted proxy (listening on loopback) sets {@code Forwarded} / {@code X-Forwarded-For}; the client
     * address for rate limits comes from there. Only safe when nothing but the proxy can reach the port.
     */
    BEHIND_PROXY
}
