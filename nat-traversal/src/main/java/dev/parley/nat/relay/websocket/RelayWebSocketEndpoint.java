package dev.parley.nat.relay.websocket;

import dev.parley.nat.relay.RelayRejectedException;
import dev.parley.nat.relay.RelayServerCore;
import dev.parley.nat.relay.RelaySink;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One relay WebSocket connection: attaches with the first binary message, then forwards every
 * binary message into the core and delivers the other peer's frames back. Outgoing frames are
 * bounded by the container's max outgoing frames; beyond that they are dropped like datagrams.
 * Public only because Jetty invokes it reflectively; create it through {@link RelayWebSocket}.
 * Jetty calls it from one thread at a time; {@link #deliver} is called from other peers threads.
 */
public final class RelayWebSocketEndpoint implements Session.Listener.AutoDemanding, RelaySink {
    private final RelayServerCore core;
    private volatile Session session;
    private volatile RelayServerCore.Attachment attachment;

    RelayWebSocketEndpoint(RelayServerCore core) {
        this.core = core;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] frame = new byte[payload.remaining()];
        payload.get(frame);
        callback.succeed();
        RelayServerCore.Attachment current = attachment;
        if (current == null) {
            try {
                attachment = core.attach(frame, this);
                session.sendBinary(ByteBuffer.wrap(new byte[] {RelayProtocol.ATTACHED}), Callback.NOOP);
            } catch (RelayRejectedException e) {
                session.close(RelayProtocol.closeCode(e.reason()), RelayProtocol.reason(e.getMessage()), Callback.NOOP);
            }
            return;
        }
        current.forward(frame);
    }

    @Override
    public void onWebSocketText(String message) {
        session.close(RelayProtocol.CLOSE_PROTOCOL, "relay speaks binary messages only", Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        RelayServerCore.Attachment current = attachment;
        if (current != null) {
            current.detach();
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        onWebSocketClose(0, cause.getMessage());
    }

    @Override
    public void deliver(byte[] frame) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendBinary(ByteBuffer.wrap(frame), Callback.NOOP);
        }
    }

    @Override
    public void close(String reason) {
        Session s = session;
        if (s != null) {
            s.close(RelayProtocol.CLOSE_ENDED, RelayProtocol.reason(reason), Callback.NOOP);
        }
    }
}
