package dev.parley.nat.link;

/** How datagrams travel: the ICE candidate type of the path, or the relay. */
public enum PathType {
    /** Host to host: same network or no NAT in the way. */
    HOST,
    /** Through a NAT mapping learned from STUN (server-reflexive). */
    SRFLX,
    /** Through a NAT mapping learned from the peer's own checks (peer-reflexive). */
    PRFLX,
    /** Through the relay server over WebSocket. */
    RELAY;

    public boolean isDirect() {
        return this != RELAY;
    }
}
