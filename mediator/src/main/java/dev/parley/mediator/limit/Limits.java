package dev.parley.mediator.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * Every bound the mediator enforces at its trust boundary. Immutable; validated on construction so a
 * mediator can never run with a zero or negative limit. Each violation is answered with an HTTP status
 * or a problem-report and counted in {@code parley_mediator_rejected_total{reason=...}}.
 *
 * @param maxMessageBytes largest HTTP body or WebSocket message accepted; larger bodies get 413 before
 *     they are read whole
 * @param maxQueuedMessagesPerClient messages held for one mediated DID (all its recipient keys)
 * @param maxQueuedBytesPerClient bytes held for one mediated DID
 * @param messageTtl how long an undelivered message is kept before it expires
 * @param requestsPerSecondPerClient sustained requests per second from one remote address
 * @param requestBurstPerClient requests one remote address may send at once above the sustained rate
 * @param maxConnections concurrent TCP connections; more wait in the accept queue
 * @param webSocketIdleTimeout a WebSocket with no traffic for this long is closed
 * @param httpIdleTimeout an HTTP connection with no traffic for this long is closed
 * @param minRequestBytesPerSecond a client sending a body slower than this is cut off (slow-loris)
 * @param maxKeysPerClient recipient DIDs or keys one mediated DID may register
 * @param maxDeliveryBatch largest {@code limit} honoured in a delivery-request
 * @param replayWindow how long processed message ids are remembered to reject replays
 * @param shortLinkMaxValidity longest validity granted to a short link
 * @param maxLiveSessions WebSocket sessions in live mode at once
 */
public record Limits(
        int maxMessageBytes,
        int maxQueuedMessagesPerClient,
        long maxQueuedBytesPerClient,
        Duration messageTtl,
        double requestsPerSecondPerClient,
        int requestBurstPerClient,
        int maxConnections,
        Duration webSocketIdleTimeout,
        Duration httpIdleTimeout,
        long minRequestBytesPerSecond,
        int maxKeysPerClient,
        int maxDeliveryBatch,
        Duration replayWindow,
        Duration shortLinkMaxValidity,
        int maxLiveSessions) {

    /** Defaults for a small public mediator. */
    public static final Limits DEFAULTS = new Limits(
            256 * 1024, 10_000, 64L * 1024 * 1024, Duration.ofDays(7),
            200, 400, 2_000, Duration.ofMinutes(5), Duration.ofSeconds(30), 1024,
            1_000, 100, Duration.ofMinutes(10), Duration.ofDays(7), 10_000);

    public Limits {
        positive(maxMessageBytes, "max message bytes");
        positive(maxQueuedMessagesPerClient, "max queued messages per client");
        positive(maxQueuedBytesPerClient, "max queued bytes per client");
        positive(messageTtl, "message TTL");
        if (!(requestsPerSecondPerClient > 0)) {
            throw new IllegalArgumentException("requests per second per client must be > 0, got "
                    + requestsPerSecondPerClient);
        }
        positive(requestBurstPerClient, "request burst per client");
        positive(maxConnections, "max connections");
        positive(webSocketIdleTimeout, "WebSocket idle timeout");
        positive(httpIdleTimeout, "HTTP idle timeout");
        positive(minRequestBytesPerSecond, "minimum request data rate");
        positive(maxKeysPerClient, "max keys per client");
        positive(maxDeliveryBatch, "max delivery batch");
        positive(replayWindow, "replay window");
        positive(shortLinkMaxValidity, "short link max validity");
        positive(maxLiveSessions, "max live sessions");
    }

    private static void positive(long v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, got " + v);
        }
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
        }
    }

    public Limits withMaxMessageBytes(int v) {
        return new Limits(v, maxQueuedMessagesPerClient, maxQueuedBytesPerClient, messageTtl,
                requestsPerSecondPerClient, requestBurstPerClient, maxConnections, webSocketIdleTimeout,
                httpIdleTimeout, minRequestBytesPerSecond, maxKeysPerClient, maxDeliveryBatch, replayWindow,
                shortLinkMaxValidity, maxLiveSessions);
    }

    public Limits withQueue(int messages, long bytes) {
        return new Limits(maxMessageBytes, messages, bytes, messageTtl,
                requestsPerSecondPerClient, requestBurstPerClient, maxConnections, webSocketIdleTimeout,
                httpIdleTimeout, minRequestBytesPerSecond, maxKeysPerClient, maxDeliveryBatch, replayWindow,
                shortLinkMaxValidity, maxLiveSessions);
    }

    public Limits withMessageTtl(Duration v) {
        return new Limits(maxMessageBytes, maxQueuedMessagesPerClient, maxQueuedBytesPerClient, v,
                requestsPerSecondPerClient, requestBurstPerClient, maxConnections, webSocketIdleTimeout,
                httpIdleTimeout, minRequestBytesPerSecond, maxKeysPerClient, maxDeliveryBatch, replayWindow,
                shortLinkMaxValidity, maxLiveSessions);
    }

    public Limits withRate(double perSecond, int burst) {
        return new Limits(maxMessageBytes, maxQueuedMessagesPerClient, maxQueuedBytesPerClient, messageTtl,
                perSecond, burst, maxConnections, webSocketIdleTimeout,
                httpIdleTimeout, minRequestBytesPerSecond, maxKeysPerClient, maxDeliveryBatch, replayWindow,
                shortLinkMaxValidity, maxLiveSessions);
    }

    public Limits withConnections(int maxConnections, Duration webSocketIdle, Duration httpIdle) {
        return new Limits(maxMessageBytes, maxQueuedMessagesPerClient, maxQueuedBytesPerClient, messageTtl,
                requestsPerSecondPerClient, requestBurstPerClient, maxConnections, webSocketIdle,
                httpIdle, minRequestBytesPerSecond, maxKeysPerClient, maxDeliveryBatch, replayWindow,
                shortLinkMaxValidity, maxLiveSessions);
    }

    public Limits withMinRequestBytesPerSecond(long v) {
        return new Limits(maxMessageBytes, maxQueuedMessagesPerClient, maxQueuedBytesPerClient, messageTtl,
                requestsPerSecondPerClient, requestBurstPerClient, maxConnections, webSocketIdleTimeout,
                httpIdleTimeout, v, maxKeysPerClient, maxDeliveryBatch, replayWindow,
                shortLinkMaxValidity, maxLiveSessions);
    }

    public Limits withMaxKeysPerClient(int v) {
        return new Limits(maxMessageBytes, maxQueuedMessagesPerClient, maxQueuedBytesPerClient, messageTtl,
                requestsPerSecondPerClient, requestBurstPerClient, maxConnections, webSocketIdleTimeout,
                httpIdleTimeout, minRequestBytesPerSecond, v, maxDeliveryBatch, replayWindow,
                shortLinkMaxValidity, maxLiveSessions);
    }
}
