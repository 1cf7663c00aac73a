package dev.parley.nat.link.internal;

import dev.parley.nat.link.CandidateBlob;
import dev.parley.nat.link.HostPolicy;
import dev.parley.nat.link.LinkException;
import dev.parley.nat.link.PathType;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.StunCandidateHarvester;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ice4j agent with one stream and one component. Host candidates are made here (ice4j's own
 * harvester reads global config and never offers loopback, which in-JVM tests need);
 * server-reflexive ones come from ice4j's STUN harvester; checks and nomination are ice4j's.
 * Not thread safe except for the outcome callbacks, which ice4j calls on its threads.
 */
final class IcePeer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IcePeer.class);
    private static final String STREAM = "parley";
    /**
     * Kernel buffer asked for on each host socket, both directions. The default (about 212 KB on Linux) overflows
     * when the reader thread is not scheduled in time during a burst, and every such loss halves the session's
     * congestion window. Linux caps the grant at {@code net.core.rmem_max} / {@code wmem_max}.
     */
    static final int SOCKET_BUFFER = 4 << 20;
    /** Largest datagram a host socket reads whole: a link frame of the largest payload, with room to spare. */
    static final int MAX_DATAGRAM = dev.parley.nat.link.DatagramLink.LARGEST_PAYLOAD + 64;

    private final Agent agent;
    private final Component component;
    /** Our host sockets by local port: ice4j reads only their STUN messages, the link everything else. */
    private final java.util.Map<Integer, DemuxSocket> sockets = new java.util.concurrent.ConcurrentHashMap<>();
    /** The host socket under the selected pair (its local candidate's base); null until ICE selects one. */
    private volatile DemuxSocket selectedSocket;

    /** What ICE ended with: a selected pair or a failure. */
    sealed interface Outcome permits Selected, Failed {
    }

    record Selected(PathType type, InetSocketAddress local, InetSocketAddress remote) implements Outcome {
    }

    record Failed(String reason) implements Outcome {
    }

    /**
     * Binds the host candidates, then asks every STUN server at once for a server-reflexive one,
     * waiting at most {@code gatherTimeout} in all (a server that has not answered by then is
     * skipped; its late answer is harmless).
     */
    IcePeer(boolean controlling, HostPolicy hosts, List<InetSocketAddress> stunServers, Duration gatherTimeout)
            throws LinkException, InterruptedException {
        IceDefaults.apply();
        agent = new Agent();
        agent.setControlling(controlling);
        agent.setTa(IceDefaults.TA_MILLIS);
        agent.setUseDynamicPorts(false);
        agent.setPerformConsentFreshness(true);
        try {
            IceMediaStream stream = agent.createMediaStream(STREAM);
            component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, true);
            for (InetAddress address : hostAddresses(hosts)) {
                DemuxSocket demux = new DemuxSocket(new InetSocketAddress(address, 0), MAX_DATAGRAM);
                enlargeBuffers(demux);
                sockets.put(demux.getLocalPort(), demux);
                MultiplexingDatagramSocket socket = new MultiplexingDatagramSocket(demux);
                HostCandidate host = new HostCandidate(new IceUdpSocketWrapper(socket), component, Transport.UDP);
                component.addLocalCandidate(host);
                host.getStunStack().addSocket(host.getStunSocket(null));
                component.getComponentSocket().add(host.getCandidateIceSocketWrapper());
            }
            if (component.getLocalCandidateCount() == 0) {
                throw new LinkException("no usable local address for host candidates (policy " + hosts
                        + "); check that a network interface is up");
            }
            sockets.values().forEach(DemuxSocket::start);
            harvest(stunServers, gatherTimeout);
        } catch (IOException e) {
            sockets.values().forEach(DemuxSocket::close);
            agent.free();
            throw new LinkException("cannot open ICE sockets: " + e.getMessage(), e);
        } catch (LinkException | InterruptedException e) {
            sockets.values().forEach(DemuxSocket::close);
            agent.free();
            throw e;
        }
    }

    /**
     * Loads ice4j's configuration and classes by making and freeing one agent with no sockets, so
     * the first real agent is quick. Failures are left for the real agent to report.
     */
    static void prewarm() {
        IceDefaults.apply();
        try {
            new Agent().free();
        } catch (RuntimeException e) {
            LOG.debug("ice4j warm-up failed; the first link will report the cause: {}", e.toString());
        }
    }

    /**
     * Asks for {@link #SOCKET_BUFFER} each way and logs what the kernel granted; a smaller grant or a refusal is
     * not an error (the link works with the default, only with more losses in bursts).
     */
    static void enlargeBuffers(java.net.DatagramSocket socket) {
        try {
            socket.setReceiveBufferSize(SOCKET_BUFFER);
            socket.setSendBufferSize(SOCKET_BUFFER);
            // Linux reports twice the granted size (it counts its bookkeeping); a grant below the ask means the
            // sysctls net.core.rmem_max / wmem_max cap it: raise them to let the link absorb longer bursts.
            LOG.debug("UDP socket {} buffers: asked {} bytes each way, kernel reports receive {} and send {}"
                            + " (capped by net.core.rmem_max / wmem_max when below twice the ask)",
                    socket.getLocalSocketAddress(), SOCKET_BUFFER, socket.getReceiveBufferSize(),
                    socket.getSendBufferSize());
        } catch (SocketException e) {
            LOG.debug("UDP socket {} keeps its default buffers: {}", socket.getLocalSocketAddress(), e.getMessage());
        }
    }

    private void harvest(List<InetSocketAddress> stunServers, Duration gatherTimeout) throws InterruptedException {
        List<Thread> harvests = new ArrayList<>();
        for (InetSocketAddress stun : stunServers) {
            StunCandidateHarvester harvester = new StunCandidateHarvester(new TransportAddress(stun, Transport.UDP));
            harvests.add(Thread.ofVirtual().name("stun-harvest").start(() -> harvester.harvest(component)));
        }
        long deadline = System.nanoTime() + gatherTimeout.toNanos();
        for (Thread t : harvests) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                return;
            }
        }
    }

    private static List<InetAddress> hostAddresses(HostPolicy hosts) throws LinkException {
        if (hosts == HostPolicy.LOOPBACK_ONLY) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : nif.inetAddresses().toList()) {
                    if (!a.isLoopbackAddress() && !(a instanceof Inet6Address && a.isLinkLocalAddress())) {
                        out.add(a);
                    }
                }
            }
        } catch (SocketException e) {
            throw new LinkException("cannot list network interfaces: " + e.getMessage(), e);
        }
        return out.size() > 8 ? out.subList(0, 8) : out;
    }

    CandidateBlob localBlob() {
        List<CandidateBlob.Candidate> list = new ArrayList<>();
        for (LocalCandidate c : component.getLocalCandidates()) {
            PathType type = switch (c.getType()) {
                case HOST_CANDIDATE -> PathType.HOST;
                case SERVER_REFLEXIVE_CANDIDATE -> PathType.SRFLX;
                case PEER_REFLEXIVE_CANDIDATE -> PathType.PRFLX;
                default -> null;
            };
            if (type != null && list.size() < CandidateBlob.MAX_CANDIDATES) {
                list.add(new CandidateBlob.Candidate(type, c.getTransportAddress(), c.getPriority(), c.getFoundation()));
            }
        }
        return new CandidateBlob(agent.getLocalUfrag(), agent.getLocalPassword(), list);
    }

    /** Adds the peer's credentials and candidates and starts checks; {@code outcome} is called once. */
    void start(CandidateBlob remote, Consumer<Outcome> outcome) {
        IceMediaStream stream = agent.getStream(STREAM);
        stream.setRemoteUfrag(remote.ufrag());
        stream.setRemotePassword(remote.password());
        for (CandidateBlob.Candidate c : remote.candidates()) {
            CandidateType type = switch (c.type()) {
                case HOST -> CandidateType.HOST_CANDIDATE;
                case SRFLX -> CandidateType.SERVER_REFLEXIVE_CANDIDATE;
                case PRFLX -> CandidateType.PEER_REFLEXIVE_CANDIDATE;
                case RELAY -> throw new IllegalStateException("blob decoding excludes relay candidates");
            };
            component.addRemoteCandidate(new RemoteCandidate(new TransportAddress(c.address(), Transport.UDP),
                    component, type, c.foundation(), c.priority(), null));
        }
        var reported = new java.util.concurrent.atomic.AtomicBoolean();
        agent.addStateChangeListener(event -> {
            if (!Agent.PROPERTY_ICE_PROCESSING_STATE.equals(event.getPropertyName())) {
                return;
            }
            IceProcessingState state = (IceProcessingState) event.getNewValue();
            CandidatePair pair = component.getSelectedPair();
            if ((state == IceProcessingState.COMPLETED || state == IceProcessingState.TERMINATED) && pair != null) {
                if (reported.compareAndSet(false, true)) {
                    selectedSocket = sockets.get(pair.getLocalCandidate().getBase().getTransportAddress().getPort());
                    outcome.accept(new Selected(pathType(pair), pair.getLocalCandidate().getTransportAddress(),
                            pair.getRemoteCandidate().getTransportAddress()));
                }
            } else if (state == IceProcessingState.FAILED && reported.compareAndSet(false, true)) {
                outcome.accept(new Failed("every ICE candidate pair failed its connectivity checks"));
            }
        });
        agent.startConnectivityEstablishment();
    }

    private static PathType pathType(CandidatePair pair) {
        CandidateType local = pair.getLocalCandidate().getType();
        CandidateType remote = pair.getRemoteCandidate().getType();
        if (local == CandidateType.PEER_REFLEXIVE_CANDIDATE || remote == CandidateType.PEER_REFLEXIVE_CANDIDATE) {
            return PathType.PRFLX;
        }
        if (local == CandidateType.SERVER_REFLEXIVE_CANDIDATE || remote == CandidateType.SERVER_REFLEXIVE_CANDIDATE) {
            return PathType.SRFLX;
        }
        return PathType.HOST;
    }

    /** Sends from the selected pair's host socket, straight to the kernel. */
    void send(byte[] frame, InetSocketAddress remote) throws IOException {
        DatagramPacket p = new DatagramPacket(frame, frame.length, remote);
        DemuxSocket s = selectedSocket;
        if (s != null) {
            s.send(p);
        } else {
            component.getSocket().send(p);
        }
    }

    /**
     * The largest UDP payload the selected pair's host socket sends unfragmented: its interface's MTU less the IP
     * and UDP headers; 0 when unknown (no pair selected, or the interface does not say).
     */
    int selectedUdpPayloadLimit() {
        DemuxSocket s = selectedSocket;
        if (s == null) {
            return 0;
        }
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(s.getLocalAddress());
            int mtu = nif == null ? -1 : nif.getMTU();
            return mtu <= 0 ? 0 : mtu - (s.getLocalAddress() instanceof Inet6Address ? 48 : 28);
        } catch (SocketException e) {
            return 0;
        }
    }

    /** Reads the selected pair's socket on the calling thread ({@link DemuxSocket#pump}); false when it cannot. */
    boolean pump(long timeoutNanos) {
        DemuxSocket s = selectedSocket;
        return s != null && s.pump(timeoutNanos);
    }

    /** Ends a pump in progress on any of the host sockets (the selected one may have changed under it). */
    void wakePump() {
        sockets.values().forEach(DemuxSocket::wakePump);
    }

    /** Gives the selected socket back to its reader when no pump runs ({@link DemuxSocket#release}). */
    void releasePump() {
        DemuxSocket s = selectedSocket;
        if (s != null) {
            s.release();
        }
    }

    /**
     * Where every datagram that is not STUN goes, from any host socket, on that socket's reading thread (the buffer
     * is reused once the handler returns). Datagrams that arrive before it is set are dropped; the link sets it
     * before its blob reaches the peer, so only strays are.
     */
    void onDatagram(DemuxSocket.Handler handler) {
        sockets.values().forEach(s -> s.handler(handler));
    }

    @Override
    public void close() {
        agent.free();
        sockets.values().forEach(DemuxSocket::close);
    }
}
