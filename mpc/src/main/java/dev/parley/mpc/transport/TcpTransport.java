package dev.parley.mpc.transport;

import dev.parley.mpc.MpcException;
import dev.parley.mpc.TransportException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Plain TCP between the parties (no encryption): the cross-process baseline and test transport. Party i accepts
 * connections from parties j > i and connects to parties j < i, sending a hello (magic, own index) first. A daemon
 * reader thread per peer moves frames {@code [round:8][length:4][payload]} into a bounded {@link Inbox}, so writers
 * never deadlock on full socket buffers and a lost connection surfaces as a clear error at the next receive.
 *
 * <p>Contract: every party binds its server socket before any party connects (tests bind port 0 and exchange ports).
 */
public final class TcpTransport implements Transport {

    private static final int MAGIC = 0x50_4D_50_43; // "PMPC"
    private final int self;
    private final int parties;
    private final int maxMessageBytes;
    private final Socket[] sockets;
    private final DataOutputStream[] outputs;
    private final Inbox[] inboxes;
    private final Thread[] readers;
    private volatile boolean closed;

    private TcpTransport(int self, int parties, int maxMessageBytes, int inboxCapacity) {
        this.self = self;
        this.parties = parties;
        this.maxMessageBytes = maxMessageBytes;
        this.sockets = new Socket[parties + 1];
        this.outputs = new DataOutputStream[parties + 1];
        this.inboxes = new Inbox[parties + 1];
        this.readers = new Thread[parties + 1];
        for (int j = 1; j <= parties; j++) {
            if (j != self) {
                inboxes[j] = new Inbox(j, inboxCapacity);
            }
        }
    }

    /**
     * Connects party {@code self} to all others.
     *
     * @param addresses       the listening address of party i at index i-1 (own entry ignored)
     * @param server          this party's bound server socket; closed by this call once all peers are in
     * @param connectTimeout  bound on connecting and on waiting for peers to connect
     * @param maxMessageBytes bound on one payload, enforced on both send and receive
     */
    public static TcpTransport connect(int self, List<InetSocketAddress> addresses, ServerSocket server,
                                       Duration connectTimeout, int maxMessageBytes) throws MpcException {
        int n = addresses.size();
        if (self < 1 || self > n) {
            throw new IllegalArgumentException("self must be in 1.." + n + ", got " + self);
        }
        TcpTransport transport = new TcpTransport(self, n, maxMessageBytes, 8);
        try {
            for (int j = 1; j < self; j++) {
                Socket socket = new Socket();
                socket.connect(addresses.get(j - 1), (int) connectTimeout.toMillis());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                out.writeInt(MAGIC);
                out.writeInt(self);
                out.flush();
                transport.attach(j, socket);
            }
            server.setSoTimeout((int) connectTimeout.toMillis());
            for (int accepted = 0; accepted < n - self; accepted++) {
                Socket socket = server.accept();
                socket.setSoTimeout((int) connectTimeout.toMillis());
                DataInputStream in = new DataInputStream(socket.getInputStream());
                int magic = in.readInt();
                int peer = in.readInt();
                if (magic != MAGIC || peer <= self || peer > n || transport.sockets[peer] != null) {
                    socket.close();
                    throw new TransportException("an unexpected connection reached party " + self
                            + " (magic " + Integer.toHexString(magic) + ", claimed party " + peer + ")");
                }
                socket.setSoTimeout(0);
                transport.attach(peer, socket);
            }
            server.close();
        } catch (SocketTimeoutException e) {
            transport.close();
            throw new TransportException("party " + self + " could not connect to all " + n
                    + " parties within " + connectTimeout + "; check that every party is running", e);
        } catch (IOException e) {
            transport.close();
            throw new TransportException("party " + self + " failed to connect: " + e.getMessage(), e);
        }
        return transport;
    }

    private void attach(int peer, Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        sockets[peer] = socket;
        outputs[peer] = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        Thread reader = Thread.ofPlatform().daemon().name("mpc-tcp-" + self + "<-" + peer)
                .unstarted(() -> readLoop(peer, in));
        readers[peer] = reader;
        reader.start();
    }

    private void readLoop(int peer, DataInputStream in) {
        Inbox inbox = inboxes[peer];
        try {
            while (true) {
                long round = in.readLong();
                int length = in.readInt();
                if (length < 0 || length > maxMessageBytes) {
                    inbox.terminate(new Inbox.Violation("announced a message of " + length
                            + " bytes for round " + round + ", the limit is " + maxMessageBytes));
                    return;
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                inbox.putBlocking(new Inbox.Data(round, payload));
            }
        } catch (EOFException e) {
            inbox.terminate(new Inbox.Closed("connection closed"));
        } catch (IOException e) {
            inbox.terminate(new Inbox.Closed("connection lost: " + e.getMessage()));
        } catch (InterruptedException e) {
            inbox.terminate(new Inbox.Closed("local transport closed"));
        }
    }

    @Override
    public int self() {
        return self;
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public void send(int to, long round, byte[] payload) throws MpcException {
        TransportGuards.checkSend(self, parties, closed, to, round, payload.length, maxMessageBytes);
        DataOutputStream out = outputs[to];
        try {
            out.writeLong(round);
            out.writeInt(payload.length);
            out.write(payload);
            out.flush();
        } catch (IOException e) {
            throw new TransportException("sending round " + round + " to party " + to + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] receive(int from, long round, Duration timeout) throws MpcException {
        TransportGuards.checkReceive(self, parties, closed, from, round);
        return inboxes[from].take(round, timeout);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int j = 1; j <= parties; j++) {
            if (sockets[j] != null) {
                try {
                    sockets[j].close();
                } catch (IOException e) {
                    // the socket is being discarded; a failed close leaves nothing to recover
                }
            }
            if (readers[j] != null) {
                readers[j].interrupt();
            }
        }
    }
}
