package dev.parley.nat.link;

import dev.parley.nat.link.internal.LinkEngine;
import java.util.concurrent.CompletableFuture;

/**
 * Entry point: the caller that starts (offer) and the one that answers exchange two opaque blobs
 * by any channel (DIDComm later; stdin/stdout in the lab; direct method calls in tests).
 *
 * <pre>{@code
 * LinkOffer offer = PeerLinks.offer(config);            // A gathers
 * LinkAnswer answer = PeerLinks.answer(config, offer.blob());   // B gathers, starts checks
 * DatagramLink a = offer.complete(answer.blob());        // A starts checks, waits for a first path
 * DatagramLink b = answer.link();                        // B waits for a first path
 * }</pre>
 * The offerer is the ICE controlling agent.
 */
public final class PeerLinks {
    private PeerLinks() {
    }

    /**
     * Starts, in the background, the one-time costs of the first link in a fresh process: the
     * relay's HTTP client and ice4j's configuration and classes. Together they are about a second
     * of CPU on a small machine, most of a cold peer's setup time (docs/benchmarks/nat.md). Call it
     * at startup, or as soon as a link is likely (an invitation is being shown or read). Returns at
     * once; idempotent.
     *
     * @return completes (normally, even if warming failed) once the warm-up is over; callers need not wait
     */
    public static CompletableFuture<Void> prewarm() {
        return LinkEngine.prewarm();
    }

    /** Attaches to the relay (in the background) and gathers candidates; blocks for the gathering. */
    public static LinkOffer offer(LinkConfig config) throws LinkException {
        return new LinkOffer(LinkEngine.prepare(config, true), config);
    }

    /** Decodes the offer, gathers, and starts connectivity checks at once. */
    public static LinkAnswer answer(LinkConfig config, byte[] offerBlob) throws LinkException {
        CandidateBlob remote = CandidateBlob.decode(offerBlob);
        LinkEngine engine = LinkEngine.prepare(config, false);
        engine.start(remote);
        return new LinkAnswer(engine, config);
    }
}
