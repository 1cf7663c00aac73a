package dev.parley.session.link;

import dev.parley.nat.link.LinkAnswer;
import dev.parley.nat.link.LinkConfig;
import dev.parley.nat.link.LinkException;
import dev.parley.nat.link.LinkOffer;
import dev.parley.nat.link.PeerLinks;
import dev.parley.session.DatagramTransport;
import dev.parley.session.didcomm.Sessions;
import java.io.IOException;

/**
 * The upgrade's path makers ({@link Sessions.Link}, {@link Sessions.Answerer}) built on nat-traversal's
 * {@link PeerLinks}: the candidate blobs travel inside the Noise payloads, the path that forms carries the records.
 * Each maker is for one upgrade; the transports it returns own their links.
 */
public final class PeerLinkPaths {
    private PeerLinkPaths() {
    }

    /** The initiator's path maker: gathers on {@link Sessions.Link#offer()}, connects on {@code complete}. */
    public static Sessions.Link offerer(LinkConfig config) {
        return new Sessions.Link() {
            private LinkOffer offer;

            @Override
            public synchronized byte[] offer() throws IOException {
                if (offer != null) {
                    throw new IllegalStateException("offer() was already called on this path maker");
                }
                try {
                    offer = PeerLinks.offer(config);
                } catch (LinkException e) {
                    throw new PathSetupException("gathering candidates failed: " + e.getMessage(), e);
                }
                return offer.blob();
            }

            @Override
            public synchronized DatagramTransport complete(byte[] answer) throws IOException, InterruptedException {
                if (offer == null) {
                    throw new IllegalStateException("complete() before offer()");
                }
                try {
                    return new DatagramLinkTransport(offer.complete(answer));
                } catch (LinkException e) {
                    throw new PathSetupException("no path to the peer: " + e.getMessage(), e);
                }
            }

            @Override
            public synchronized void close() {
                if (offer != null) {
                    offer.close();
                }
            }
        };
    }

    /** The responder's path maker: answers the offer (checks start at once) and waits for a first path. */
    public static Sessions.Answerer answerer(LinkConfig config) {
        return offerBlob -> {
            LinkAnswer answer;
            try {
                answer = PeerLinks.answer(config, offerBlob);
            } catch (LinkException e) {
                throw new PathSetupException("cannot answer the peer's candidates: " + e.getMessage(), e);
            }
            return new Sessions.Answer() {
                @Override
                public byte[] blob() {
                    return answer.blob();
                }

                @Override
                public DatagramTransport link() throws IOException, InterruptedException {
                    try {
                        return new DatagramLinkTransport(answer.link());
                    } catch (LinkException e) {
                        answer.close();
                        throw new PathSetupException("no path to the peer: " + e.getMessage(), e);
                    }
                }
            };
        };
    }
}
