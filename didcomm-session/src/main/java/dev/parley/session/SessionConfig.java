package dev.parley.session;

import dev.parley.session.channel.ConnectionConfig;
import dev.parley.session.record.RekeyPolicy;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * Settings of a running session. Time is injected twice: a {@link Clock} for the rekey interval and a monotonic
 * nanosecond source for transport timers. Immutable.
 *
 * @param maxMessageSize largest message a MESSAGE-mode channel accepts (bounds the receiver's reassembly memory)
 */
public record SessionConfig(ConnectionConfig connection, RekeyPolicy rekey, int maxMessageSize, Clock clock,
                            LongSupplier nanoTime) {
    public SessionConfig {
        if (maxMessageSize < 1 || maxMessageSize > (1 << 30)) {
            throw new IllegalArgumentException("maxMessageSize must be 1..2^30, got " + maxMessageSize);
        }
    }

    /** Defaults: {@link ConnectionConfig#defaults()}, {@link RekeyPolicy#defaults()}, 16 MiB messages, system time. */
    public static SessionConfig defaults() {
        return new SessionConfig(ConnectionConfig.defaults(), RekeyPolicy.defaults(), 16 << 20, Clock.systemUTC(),
                System::nanoTime);
    }
}
