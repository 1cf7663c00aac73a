package dev.parley.session.handshake;

import dev.parley.did.crypto.PublicKey;

/**
 * A completed handshake: keys, the peer's ICE candidate blob and the static key it proved. For the responder the
 * peer is confirmed only when a first record arrives (see docs/protocol/session.md, key-compromise impersonation).
 */
public record Established(SessionKeys keys, byte[] peerCandidates, PublicKey peerStatic, boolean peerConfirmed) {
    public Established {
        peerCandidates = peerCandidates.clone();
    }

    @Override
    public byte[] peerCandidates() {
        return peerCandidates.clone();
    }
}
