package dev.parley.session.didcomm;

import dev.parley.did.DidException;
import dev.parley.didcomm.mediator.MediatorMailbox;
import dev.parley.didcomm.message.Message;
import dev.parley.session.DatagramTransport;
import dev.parley.session.Session;
import dev.parley.session.SessionConfig;
import dev.parley.session.handshake.HandshakeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole upgrade in one call per side: propose over DIDComm, form the datagram path from the candidate blobs
 * the handshake carried, start the session.
 *
 * <pre>{@code
 * Session s = Sessions.connect(upgrade, peerDid, Optional.empty(), conversation, link, SessionConfig.defaults(),
 *         Duration.ofSeconds(30));                         // initiator
 * Session s = Sessions.accept(upgrade, propose, conversation, answerer, SessionConfig.defaults());   // responder
 * }</pre>
 * The caller supplies its DIDComm stack ({@link Conversation}: authcrypt pack, mediator, unpack) and its path
 * maker ({@link Link}/{@link Answerer}: nat-traversal's {@code PeerLinks.offer/answer} fit them directly). An
 * agent that may be proposed to while proposing routes incoming proposes to {@link #accept}; {@link SessionUpgrade}
 * resolves the glare.
 */
public final class Sessions {
    private Sessions() {
    }

    /** This side's DIDComm conversation with the peer; messages are authenticated (authcrypt) by the implementation. */
    public interface Conversation {
        void send(Message message) throws IOException;

        /** The next session-protocol message in thread {@code threadId}, or empty after {@code timeout}. */
        Optional<Message> next(String threadId, Duration timeout) throws IOException, InterruptedException;
    }

    /** A conversation through a {@link MediatorMailbox} that both parties use. */
    public static Conversation over(MediatorMailbox mailbox) {
        return new Conversation() {
            @Override
            public void send(Message message) throws IOException {
                mailbox.send(message);
            }

            @Override
            public Optional<Message> next(String threadId, Duration timeout) throws InterruptedException {
                return mailbox.next(threadId, timeout);
            }
        };
    }

    /** {@code inner}, telling {@code formed} the transport it forms (to show the path and follow its changes). */
    public static Link remembering(Link inner, Consumer<DatagramTransport> formed) {
        return new Link() {
            @Override
            public byte[] offer() throws IOException {
                return inner.offer();
            }

            @Override
            public DatagramTransport complete(byte[] answer) throws IOException, InterruptedException {
                DatagramTransport t = inner.complete(answer);
                formed.accept(t);
                return t;
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    /** {@code inner}, telling {@code formed} the transport each answer forms. */
    public static Answerer remembering(Answerer inner, Consumer<DatagramTransport> formed) {
        return offer -> {
            Answer a = inner.answer(offer);
            return new Answer() {
                @Override
                public byte[] blob() {
                    return a.blob();
                }

                @Override
                public DatagramTransport link() throws IOException, InterruptedException {
                    DatagramTransport t = a.link();
                    formed.accept(t);
                    return t;
                }
            };
        };
    }

    /** The initiator's path maker: gathers candidates, then forms the path from the peer's answer. */
    public interface Link extends AutoCloseable {
        byte[] offer() throws IOException;

        DatagramTransport complete(byte[] answer) throws IOException, InterruptedException;

        /** Frees what {@link #offer} gathered; called when the upgrade fails before a path forms. */
        @Override
        void close();
    }

    /** The responder's path maker: answers an offer (checks start at once), then waits for a usable path. */
    public interface Answerer {
        Answer answer(byte[] offer) throws IOException;
    }

    /** One answer: the blob to send back, and the path once it works. */
    public interface Answer {
        byte[] blob();

        DatagramTransport link() throws IOException, InterruptedException;
    }

    /** Initiator: proposes, waits for the accept, forms the path and starts the session. */
    public static Session connect(SessionUpgrade upgrade, String peerDid, Optional<String> invitationId,
                                  Conversation didcomm, Link link, SessionConfig config, Duration timeout)
            throws IOException, InterruptedException, DidException, HandshakeException, InvalidSessionMessageException,
            SessionRefusedException, UpgradeTimeoutException {
        try {
            return connectOrThrow(upgrade, peerDid, invitationId, didcomm, link, config, timeout);
        } catch (IOException | InterruptedException | DidException | HandshakeException | InvalidSessionMessageException
                 | SessionRefusedException | UpgradeTimeoutException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    private static Session connectOrThrow(SessionUpgrade upgrade, String peerDid, Optional<String> invitationId,
                                          Conversation didcomm, Link link, SessionConfig config, Duration timeout)
            throws IOException, InterruptedException, DidException, HandshakeException, InvalidSessionMessageException,
            SessionRefusedException, UpgradeTimeoutException {
        Message propose = upgrade.propose(peerDid, invitationId, link.offer());
        didcomm.send(propose);
        Message reply = didcomm.next(propose.id(), timeout).orElseThrow(() -> new UpgradeTimeoutException(
                "no answer from " + peerDid + " within " + timeout.toMillis() + " ms to propose " + propose.id()));
        SessionUpgrade.Outcome outcome = upgrade.handle(reply, offer -> offer);
        return switch (outcome) {
            case SessionUpgrade.Upgraded u ->
                    Session.start(u.established(), link.complete(u.established().peerCandidates()), config);
            case SessionUpgrade.PeerRejected r -> throw new SessionRefusedException(peerDid, r.reject());
            case SessionUpgrade.Refused f -> {
                didcomm.send(f.reply());
                throw f.cause();
            }
            case SessionUpgrade.Ignored i -> throw new InvalidSessionMessageException(
                    "unexpected answer to propose " + propose.id() + ": " + i.reason());
        };
    }

    /**
     * What {@link #handle} gave: the outcome, and this side's answer when the message was a propose it accepted.
     */
    public record Handled(SessionUpgrade.Outcome outcome, Optional<Answer> answer) {
    }

    /**
     * Runs {@code m} through {@code upgrade}, answering a peer's offer with {@code answerer}; for an agent that may
     * receive a propose while its own is out (glare), where {@link #accept} is too narrow.
     */
    public static Handled handle(SessionUpgrade upgrade, Message m, Answerer answerer)
            throws IOException, DidException, InvalidSessionMessageException {
        Answer[] answer = new Answer[1];
        try {
            SessionUpgrade.Outcome outcome = upgrade.handle(m, offer -> {
                try {
                    answer[0] = answerer.answer(offer);
                    return answer[0].blob();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new Handled(outcome, Optional.ofNullable(answer[0]));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Responder: answers {@code propose} (sending the accept or the reject) and starts the session. */
    public static Session accept(SessionUpgrade upgrade, Message propose, Conversation didcomm, Answerer answerer,
                                 SessionConfig config)
            throws IOException, InterruptedException, DidException, HandshakeException, InvalidSessionMessageException {
        Handled handled = handle(upgrade, propose, answerer);
        return switch (handled.outcome()) {
            case SessionUpgrade.Upgraded u -> {
                didcomm.send(u.reply().orElseThrow());
                yield Session.start(u.established(), handled.answer().orElseThrow().link(), config);
            }
            case SessionUpgrade.Refused f -> {
                didcomm.send(f.reply());
                throw f.cause();
            }
            case SessionUpgrade.PeerRejected r -> throw new InvalidSessionMessageException(
                    "expected a propose, got a reject (" + r.reject().code() + ")");
            case SessionUpgrade.Ignored i -> throw new InvalidSessionMessageException(i.reason());
        };
    }
}
