package dev.parley.session.bench;

import dev.parley.session.Channel;
import dev.parley.session.ChannelMode;
import dev.parley.session.Session;
import dev.parley.session.SessionConfig;
import dev.parley.session.UdpTransport;
import dev.parley.session.channel.Connection;
import dev.parley.session.channel.ConnectionConfig;
import dev.parley.session.handshake.Established;
import dev.parley.session.handshake.SessionKeys;
import dev.parley.session.handshake.TestSessions;
import dev.parley.session.record.RecordLayer;
import dev.parley.session.record.RekeyPolicy;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Figures JMH does not fit, for docs/benchmarks/session.md: memory per idle session and stream throughput (session
 * over loopback UDP vs raw UDP vs JDK TLS 1.3 over TCP, and the session with 5% loss), each the median of five
 * transfers. Per-message costs and the handshake are JMH ({@link RecordBenchmark}).
 * Run: ./mvnw -B -q -pl didcomm-session -Pbench test-compile exec:java -Dexec.classpathScope=test
 *      -Dexec.mainClass=dev.parley.session.bench.SessionBenchmark
 */
public final class SessionBenchmark {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    private SessionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cpus");
        System.out.printf("memory per idle session (records + channels)   %,d bytes%n", idleSessionBytes());
        int mb = 16;
        System.out.println("throughput in MB/s, median of 5 runs [all runs]:");
        report("raw UDP loopback (no reliability)", () -> rawUdp(mb));
        report("JDK TLS 1.3 over TCP loopback", () -> tls13(mb));
        report("session over UDP loopback", () -> sessionUdp(mb, 0));
        report("session over UDP, 5% loss", () -> sessionUdp(mb / 4, 0.05));
        THREADS.shutdownNow();
    }

    interface Measurement {
        double run() throws Exception;
    }

    private static void report(String what, Measurement m) throws Exception {
        double[] runs = new double[5];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = m.run();
        }
        double[] sorted = runs.clone();
        java.util.Arrays.sort(sorted);
        StringBuilder all = new StringBuilder();
        for (double r : runs) {
            all.append(String.format(" %.1f", r));
        }
        System.out.printf("  %-40s %7.1f  [%s ]%n", what, sorted[2], all);
    }

    // ---- memory -----------------------------------------------------------------------------------------------

    private static long idleSessionBytes() {
        int n = 2000;
        SessionKeys[] keys = TestSessions.keys(3);
        Object[] hold = new Object[n];
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            RecordLayer r = new RecordLayer(keys[0], RekeyPolicy.defaults(), Clock.systemUTC());
            hold[i] = new Connection(r, ConnectionConfig.defaults(), true, System.nanoTime());
        }
        long after = usedAfterGc();
        if (hold[n - 1] == null) {
            throw new IllegalStateException("unreachable");
        }
        return (after - before) / n;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    // ---- throughput -------------------------------------------------------------------------------------------

    private static double sessionUdp(int megabytes, double loss) throws Exception {
        Established[] est = TestSessions.established(7);
        UdpTransport[] udp = UdpTransport.pair(loss, 7);
        Session a = Session.start(est[0], udp[0], SessionConfig.defaults());
        Session b = Session.start(est[1], udp[1], SessionConfig.defaults());
        try {
            Channel out = a.openChannel(0, ChannelMode.STREAM);
            Channel in = b.openChannel(0, ChannelMode.STREAM);
            return timeTransfer(megabytes, out.output(), in.input());
        } finally {
            a.close();
            b.close();
        }
    }

    private static double tls13(int megabytes) throws Exception {
        Path dir = Files.createTempDirectory("parley-bench-tls");
        Path ks = dir.resolve("ks.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "bench", "-dname", "CN=localhost",
                "-validity", "1", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "benchpass")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "benchpass".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(store, "benchpass".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setEnabledProtocols(new String[] {"TLSv1.3"});
            Future<SSLSocket> accepted = THREADS.submit(() -> (SSLSocket) server.accept());
            try (SSLSocket client = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    server.getLocalPort());
                 SSLSocket serverSide = accepted.get(10, TimeUnit.SECONDS)) {
                // The handshake runs inside the first write (writer thread) and read (this thread).
                client.setEnabledProtocols(new String[] {"TLSv1.3"});
                return timeTransfer(megabytes, client.getOutputStream(), serverSide.getInputStream());
            }
        } finally {
            Files.deleteIfExists(ks);
            Files.deleteIfExists(dir);
        }
    }

    /** Sends {@code megabytes} from {@code out}, times until {@code in} read them all: MB/s. */
    private static double timeTransfer(int megabytes, OutputStream out, InputStream in) throws Exception {
        long total = (long) megabytes << 20;
        byte[] chunk = new byte[16384];
        long start = System.nanoTime();
        Future<?> writer = THREADS.submit(() -> {
            for (long sent = 0; sent < total; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            return null;
        });
        byte[] buf = new byte[65536];
        long got = 0;
        while (got < total) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IllegalStateException("stream ended after " + got + " bytes");
            }
            got += n;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        writer.get(10, TimeUnit.SECONDS);
        return megabytes / seconds;
    }

    /** Datagrams of 1200 bytes as fast as the sender can: what arrives per second (loss on overflow included). */
    private static double rawUdp(int megabytes) throws Exception {
        try (DatagramChannel rx = DatagramChannel.open(); DatagramChannel tx = DatagramChannel.open()) {
            rx.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            rx.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            tx.connect(rx.getLocalAddress());
            rx.configureBlocking(true);
            long count = ((long) megabytes << 20) / 1200;
            long start = System.nanoTime();
            Future<?> sender = THREADS.submit(() -> {
                ByteBuffer d = ByteBuffer.allocate(1200);
                for (long i = 0; i < count; i++) {
                    d.clear();
                    tx.write(d);
                }
                d.clear();
                d.limit(1);
                for (int i = 0; i < 50; i++) {
                    d.position(0);
                    tx.write(d);
                }
                return null;
            });
            ByteBuffer in = ByteBuffer.allocate(2048);
            long bytes = 0;
            while (true) {
                in.clear();
                rx.receive(in);
                if (in.position() == 1) {
                    break;
                }
                bytes += in.position();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sender.get(10, TimeUnit.SECONDS);
            return bytes / 1048576.0 / seconds;
        }
    }
}
