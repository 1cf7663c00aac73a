package dev.parley.nat.link;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A real UDP hop between two loopback agents, as a router would be: A talks to
 * {@link #standInForB()}, B to {@link #standInForA()}, and each datagram is forwarded out of the
 * other socket, so each agent sees its peer at exactly the address it was given. {@link #blackhole()}
 * makes it drop everything from then on, as a failed uplink or a new firewall rule would.
 */
final class UdpMiddlebox implements AutoCloseable {
    private final DatagramSocket facingA;
    private final DatagramSocket facingB;
    private volatile InetSocketAddress realA;
    private volatile InetSocketAddress realB;
    private volatile boolean blackholed;

    UdpMiddlebox() throws IOException {
        facingA = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        facingB = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("middlebox-a-to-b").start(() -> forward(facingA, facingB, true));
        Thread.ofPlatform().daemon().name("middlebox-b-to-a").start(() -> forward(facingB, facingA, false));
    }

    InetSocketAddress standInForA() {
        return (InetSocketAddress) facingB.getLocalSocketAddress();
    }

    InetSocketAddress standInForB() {
        return (InetSocketAddress) facingA.getLocalSocketAddress();
    }

    void routeTo(InetSocketAddress a, InetSocketAddress b) {
        if (a != null) {
            realA = a;
        }
        if (b != null) {
            realB = b;
        }
    }

    void blackhole() {
        blackholed = true;
    }

    /** The blob with its candidates replaced by one host candidate at {@code address}, same credentials. */
    static byte[] disguise(CandidateBlob blob, InetSocketAddress address) {
        CandidateBlob.Candidate first = blob.candidates().get(0);
        return new CandidateBlob(blob.ufrag(), blob.password(), List.of(new CandidateBlob.Candidate(PathType.HOST,
                address, first.priority(), first.foundation()))).encode();
    }

    private void forward(DatagramSocket in, DatagramSocket out, boolean towardB) {
        byte[] buffer = new byte[2048];
        while (!in.isClosed()) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                in.receive(p);
                InetSocketAddress to = towardB ? realB : realA;
                if (!blackholed && to != null) {
                    out.send(new DatagramPacket(p.getData(), p.getOffset(), p.getLength(), to));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        facingA.close();
        facingB.close();
    }
}
