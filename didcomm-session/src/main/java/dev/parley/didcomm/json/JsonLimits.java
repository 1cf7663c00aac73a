package dev.parley.didcomm.json;

/**
 * Bounds applied to every JSON document that crosses a trust boundary (an envelope, a decrypted payload,
 * an invitation). Immutable.
 *
 * @param maxDocumentBytes largest accepted document, in bytes
 * @param maxNestingDepth deepest accepted nesting of objects and arrays
 * @param maxStringLength longest accepted JSON string value, in characters
 * @param maxEnvelopeLayers most envelope layers unwrapped in one unpack (anoncrypt, authcrypt, signed)
 */
public record JsonLimits(int maxDocumentBytes, int maxNestingDepth, int maxStringLength, int maxEnvelopeLayers) {

    /** Defaults sized for chat messages and small attachments: 1 MiB, depth 32, 3 layers. */
    public static final JsonLimits DEFAULT = new JsonLimits(1 << 20, 32, 1 << 20, 3);

    public JsonLimits {
        if (maxDocumentBytes < 64) {
            throw new IllegalArgumentException("maxDocumentBytes must be at least 64, got " + maxDocumentBytes);
        }
        if (maxNestingDepth < 4) {
            throw new IllegalArgumentException("maxNestingDepth must be at least 4, got " + maxNestingDepth);
        }
        if (maxStringLength < 64) {
            throw new IllegalArgumentException("maxStringLength must be at least 64, got " + maxStringLength);
        }
        if (maxEnvelopeLayers < 1 || maxEnvelopeLayers > 8) {
            throw new IllegalArgumentException("maxEnvelopeLayers must be 1..8, got " + maxEnvelopeLayers);
        }
    }

    /** The same limits with another document size bound. */
    public JsonLimits withMaxDocumentBytes(int bytes) {
        return new JsonLimits(bytes, maxNestingDepth, maxStringLength, maxEnvelopeLayers);
    }

    /** The same limits with another nesting bound. */
    public JsonLimits withMaxNestingDepth(int depth) {
        return new JsonLimits(maxDocumentBytes, depth, maxStringLength, maxEnvelopeLayers);
    }
}
