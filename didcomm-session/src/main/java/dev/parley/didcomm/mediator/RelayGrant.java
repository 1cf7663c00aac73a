package dev.parley.didcomm.mediator;

import dev.parley.nat.relay.RelayToken;
import java.time.Instant;
import java.util.Objects;

/**
 * One relay allocation from the mediator (relay/1.0 {@code allocation}): this party's token, the peer's token (to
 * hand to the peer inside the end-to-end encrypted session handshake, never in the clear), when both expire, and the
 * mediator's NAT configuration (relay URL, STUN servers). The tokens are capabilities: {@link #toString()} shows
 * neither. Immutable.
 *
 * @param peerDid the DID the allocation joins this party to
 */
public record RelayGrant(String peerDid, RelayToken token, RelayToken peerToken, Instant expiresAt, NatConfig nat) {
    public RelayGrant {
        Objects.requireNonNull(peerDid, "peerDid");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(peerToken, "peerToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(nat, "nat");
        if (!token.allocationHex().equals(peerToken.allocationHex()) || !token.holder().equals(peerToken.peer())
                || !token.peer().equals(peerToken.holder())) {
            throw new IllegalArgumentException("the two relay tokens do not form one allocation (allocation "
                    + token.allocationHex() + " vs " + peerToken.allocationHex() + ")");
        }
    }

    @Override
    public String toString() {
        return "RelayGrant[peer=" + peerDid + ", allocation=" + token.allocationHex() + ", expires=" + expiresAt
                + ", relay=" + nat.relayUrl() + ", tokens redacted]";
    }
}
