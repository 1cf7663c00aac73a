package dev.parley.nat.link;

import dev.parley.nat.link.internal.LinkEngine;

/** The answering side: checks are already running; {@link #link()} waits for a first path. */
public final class LinkAnswer implements AutoCloseable {
    private final LinkEngine engine;
    private final LinkConfig config;
    private final byte[] blob;

    LinkAnswer(LinkEngine engine, LinkConfig config) {
        this.engine = engine;
        this.config = config;
        this.blob = engine.localBlob().encode();
    }

    /** This side's candidate blob, to send back to the offerer. */
    public byte[] blob() {
        return blob.clone();
    }

    /** Returns once a first path works. @throws LinkException when none forms within the connect timeout */
    public DatagramLink link() throws LinkException, InterruptedException {
        engine.awaitFirstPath(config.connectTimeout());
        return engine;
    }

    @Override
    public void close() {
        engine.close();
    }
}
