package dev.parley.mpc.field;

/**
 * A source of (pseudo-)random bytes that fields turn into uniform elements. Implementations are not required to be
 * thread-safe; a stream is owned by one party's engine thread.
 */
public interface ByteStream {
    /** Fills {@code dst[off, off+len)} with the next bytes of the stream. */
    void next(byte[] dst, int off, int len);
}
