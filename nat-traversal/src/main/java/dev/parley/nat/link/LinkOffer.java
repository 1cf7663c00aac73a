package dev.parley.nat.link;

import dev.parley.nat.link.internal.LinkEngine;

/** The offering side between gathering and the answer. Close it if the answer never comes. */
public final class LinkOffer implements AutoCloseable {
    private final LinkEngine engine;
    private final LinkConfig config;
    private final byte[] blob;

    LinkOffer(LinkEngine engine, LinkConfig config) {
        this.engine = engine;
        this.config = config;
        this.blob = engine.localBlob().encode();
    }

    /** This side's candidate blob, to send to the peer. */
    public byte[] blob() {
        return blob.clone();
    }

    /**
     * Starts checks against the answer and returns once a first path (relay or direct) works.
     *
     * @throws LinkException when the answer is malformed or no path forms within the connect timeout
     */
    public DatagramLink complete(byte[] answerBlob) throws LinkException, InterruptedException {
        CandidateBlob remote;
        try {
            remote = CandidateBlob.decode(answerBlob);
        } catch (LinkException e) {
            engine.close();
            throw e;
        }
        engine.start(remote);
        engine.awaitFirstPath(config.connectTimeout());
        return engine;
    }

    @Override
    public void close() {
        engine.close();
    }
}
