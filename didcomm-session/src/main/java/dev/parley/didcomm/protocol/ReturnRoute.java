package dev.parley.didcomm.protocol;

import dev.parley.didcomm.message.InvalidMessageException;
import dev.parley.didcomm.message.Message;

/** The {@code return_route} header: whether replies may come back on the connection the message arrived on. */
public enum ReturnRoute {
    /** Replies go to the sender's service endpoint (the header is absent or {@code none}). */
    NONE("none"),
    /** Any message for the sender may be returned on this connection. */
    ALL("all"),
    /** Only messages of this thread may be returned on this connection. */
    THREAD("thread");

    public static final String HEADER = "return_route";

    private final String wire;

    ReturnRoute(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The header of {@code m}, or {@link #NONE} when absent. */
    public static ReturnRoute of(Message m) throws InvalidMessageException {
        var h = m.extraHeader(HEADER);
        if (h.isEmpty() || h.get().isNull()) {
            return NONE;
        }
        if (h.get().isTextual()) {
            for (ReturnRoute r : values()) {
                if (r.wire.equals(h.get().textValue())) {
                    return r;
                }
            }
        }
        throw new InvalidMessageException("return_route must be \"none\", \"all\" or \"thread\", got " + h.get());
    }
}
