package dev.parley.session.handshake.internal;

import java.util.List;

/**
 * The handshake patterns this engine runs. Parley uses {@link #IK}; {@link #NN} and {@link #IN} exist
 * so that more published vectors exercise the same token machinery.
 */
public enum NoisePattern {
    NN(false, List.of(List.of(Token.E), List.of(Token.E, Token.EE))),
    IN(false, List.of(List.of(Token.E, Token.S), List.of(Token.E, Token.EE, Token.SE))),
    IK(true, List.of(List.of(Token.E, Token.ES, Token.S, Token.SS), List.of(Token.E, Token.EE, Token.SE)));

    /** The message tokens of the Noise specification. */
    public enum Token { E, S, EE, ES, SE, SS }

    private final boolean responderStaticPremessage;
    private final List<List<Token>> messages;

    NoisePattern(boolean responderStaticPremessage, List<List<Token>> messages) {
        this.responderStaticPremessage = responderStaticPremessage;
        this.messages = messages;
    }

    /** Whether the pattern starts with {@code <- s}: the initiator knows the responder's static key. */
    public boolean responderStaticPremessage() {
        return responderStaticPremessage;
    }

    /** Tokens of each handshake message, initiator's first. */
    public List<List<Token>> messages() {
        return messages;
    }

    /** Whether the initiator sends a static key during the handshake. */
    public boolean initiatorSendsStatic() {
        return messages.get(0).contains(Token.S);
    }

    /** {@code Noise_<pattern>_25519_ChaChaPoly_SHA256}. */
    public String protocolName() {
        return "Noise_" + name() + "_25519_ChaChaPoly_SHA256";
    }
}
