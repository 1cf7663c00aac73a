package dev.parley.cli.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliRun;
import dev.parley.cli.Main;
import dev.parley.did.keystore.KdfParameters;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.StunPorts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley listen} and {@code parley join} in-process against a real mediator on port 0 and real UDP links. */
class ListenJoinTest {
    private static final String PASS = "correct horse battery staple";

    @TempDir
    Path dir;

    private Mediator mediator;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        mediator = Mediator.start(MediatorConfig.local(0, dir.resolve("mediator")));
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        mediator.close();
    }

    /** One party's process: its own PARLEY_HOME, binary stdin, stdout captured byte for byte. */
    private final class Party {
        final Path home;
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final StringWriter stderr = new StringWriter();
        final String did;

        Party(String name, String method) {
            home = dir.resolve(name);
            CliRun.Result r = new CliRun(home).run("id", "create", name, "--method", method);
            assertEquals(0, r.exitCode(), r.err());
            did = r.outLine();
        }

        int run(InputStream stdin, String... args) {
            CliContext context = new CliContext(
                    Map.of("PARLEY_HOME", home.toString(), "PARLEY_PASSPHRASE", PASS,
                            "PARLEY_MEDIATOR", mediator.invitationUrl()),
                    home.resolve("user-home"), stdin,
                    new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.ISO_8859_1), true),
                    new PrintWriter(stderr, true),
                    (p, confirm) -> {
                        throw new IllegalStateException("no prompt in tests");
                    },
                    KdfParameters.TEST_ONLY_WEAK);
            return Main.run(context, args);
        }

        String err() {
            return stderr.toString();
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void listenAndJoinPipeAMegabyteEachWay() throws Exception {
        Party alice = new Party("alice", "peer");
        Party bob = new Party("bob", "key");
        byte[] fromAlice = random(1 << 20, 1);
        byte[] fromBob = random(1 << 20, 2);
        Path linkFile = dir.resolve("link.txt");
        Future<Integer> listen = threads.submit(() -> alice.run(new ByteArrayInputStream(fromAlice),
                "listen", "--hosts", "loopback", "--link-file", linkFile.toString()));
        await(() -> Files.exists(linkFile) && linkFile.toFile().length() > 0, "the link file");
        String link = Files.readString(linkFile).strip();
        Future<Integer> join = threads.submit(() -> bob.run(new ByteArrayInputStream(fromBob),
                "join", "Here is my link: <" + link + "> see you", "--hosts", "loopback"));
        assertEquals(0, join.get(120, TimeUnit.SECONDS), bob.err());
        assertEquals(0, listen.get(120, TimeUnit.SECONDS), alice.err());
        assertArrayEquals(sha256(fromBob), sha256(alice.stdout.toByteArray()), "bob -> alice");
        assertArrayEquals(sha256(fromAlice), sha256(bob.stdout.toByteArray()), "alice -> bob");
        for (Party p : new Party[] {alice, bob}) {
            assertTrue(p.err().lines().anyMatch(l -> l.startsWith("path: direct")), p.err());
            assertTrue(p.err().contains("gathering candidates"), p.err());
            assertTrue(p.err().contains("done: sent 1048576 bytes, received 1048576 bytes"), p.err());
        }
        assertTrue(alice.err().contains(link), "the link is shown on stderr");
    }

    @Test
    void aUsedLinkIsRefusedWithAClearError() throws Exception {
        Party alice = new Party("alice", "peer");
        Party bob = new Party("bob", "peer");
        Party carol = new Party("carol", "key");
        Path linkFile = dir.resolve("link.txt");
        PipedOutputStream aliceInput = new PipedOutputStream();
        PipedInputStream aliceStdin = new PipedInputStream(aliceInput);
        PipedOutputStream bobInput = new PipedOutputStream();
        PipedInputStream bobStdin = new PipedInputStream(bobInput);
        Future<Integer> listen = threads.submit(() -> alice.run(aliceStdin,
                "listen", "--hosts", "loopback", "--link-file", linkFile.toString()));
        await(() -> Files.exists(linkFile) && linkFile.toFile().length() > 0, "the link file");
        String link = Files.readString(linkFile).strip();
        Future<Integer> join = threads.submit(() -> bob.run(bobStdin, "join", link, "--hosts", "loopback"));
        await(() -> bob.err().contains("path: "), "bob's session");

        int carolExit = carol.run(new ByteArrayInputStream(new byte[0]), "join", link, "--hosts", "loopback");
        assertEquals(1, carolExit, carol.err());
        String error = carol.err().lines().filter(l -> l.startsWith("parley: ")).findFirst().orElseThrow();
        assertTrue(error.contains("invitation-used"), error);

        aliceInput.write("hi bob\n".getBytes(StandardCharsets.UTF_8));
        aliceInput.close();
        bobInput.close();
        assertEquals(0, join.get(60, TimeUnit.SECONDS), bob.err());
        assertEquals(0, listen.get(60, TimeUnit.SECONDS), alice.err());
        assertEquals("hi bob\n", bob.stdout.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aGarbageLinkIsRefusedWithoutContactingAnyone() {
        Party bob = new Party("bob", "peer");
        int exit = bob.run(new ByteArrayInputStream(new byte[0]), "join", "https://example.com/?_oob=not-base64!!");
        assertEquals(1, exit, bob.err());
        String[] lines = bob.err().strip().split("\n");
        assertEquals(1, lines.length, bob.err());
        assertTrue(lines[0].startsWith("parley: not a Parley session link"), lines[0]);
        assertFalse(bob.err().contains("resolving"), "failed before any network use");
    }

    @Test
    void anUnreachableMediatorIsExitTwo() throws Exception {
        Party bob = new Party("bob", "peer");
        String link = mediator.invitationUrl();
        mediator.close();
        mediator = Mediator.start(MediatorConfig.local(0, dir.resolve("other")));
        int exit = bob.run(new ByteArrayInputStream(new byte[0]), "listen", "--hosts", "loopback",
                "--mediator", link);
        assertEquals(2, exit, bob.err());
        assertTrue(bob.err().contains("unreachable"), bob.err());
    }

    @Test
    void listenAndJoinWorkWithTheMediatorsStunServer() throws Exception {
        mediator.close();
        mediator = Mediator.start(MediatorConfig.local(0, dir.resolve("with-stun"))
                .withStun(new StunPorts(InetAddress.getLoopbackAddress(), 0, 0)));
        InetSocketAddress stun = mediator.stunAddresses().orElseThrow().getFirst();
        String stunArg = "127.0.0.1:" + stun.getPort();
        Party alice = new Party("alice", "peer");
        Party bob = new Party("bob", "peer");
        Path linkFile = dir.resolve("link.txt");
        Future<Integer> listen = threads.submit(() -> alice.run(new ByteArrayInputStream("ping".getBytes()),
                "listen", "--hosts", "loopback", "--stun", stunArg, "--link-file", linkFile.toString()));
        await(() -> Files.exists(linkFile) && linkFile.toFile().length() > 0, "the link file");
        int joined = bob.run(new ByteArrayInputStream("pong".getBytes()), "join", Files.readString(linkFile),
                "--hosts", "loopback", "--stun", stunArg);
        assertEquals(0, joined, bob.err());
        assertEquals(0, listen.get(60, TimeUnit.SECONDS), alice.err());
        assertEquals("ping", bob.stdout.toString(StandardCharsets.ISO_8859_1));
        assertEquals("pong", alice.stdout.toString(StandardCharsets.ISO_8859_1));
    }

    /** No --stun: both sides learn the mediator's STUN server and relay; the joiner allocates, the listener attaches. */
    @Test
    void withoutFlagsBothSidesUseTheMediatorsStunAndRelay() throws Exception {
        mediator.close();
        mediator = Mediator.start(MediatorConfig.local(0, dir.resolve("with-stun"))
                .withStun(new StunPorts(InetAddress.getLoopbackAddress(), 0, 0)));
        String stun = "127.0.0.1:" + mediator.stunAddresses().orElseThrow().getFirst().getPort();
        Party alice = new Party("alice", "peer");
        Party bob = new Party("bob", "key");
        Path linkFile = dir.resolve("link.txt");
        Future<Integer> listen = threads.submit(() -> alice.run(new ByteArrayInputStream("ping".getBytes()),
                "listen", "--hosts", "loopback", "--link-file", linkFile.toString()));
        await(() -> Files.exists(linkFile) && linkFile.toFile().length() > 0, "the link file");
        int joined = bob.run(new ByteArrayInputStream("pong".getBytes()), "join", Files.readString(linkFile),
                "--hosts", "loopback");
        assertEquals(0, joined, bob.err());
        assertEquals(0, listen.get(60, TimeUnit.SECONDS), alice.err());
        assertEquals("ping", bob.stdout.toString(StandardCharsets.ISO_8859_1));
        assertEquals("pong", alice.stdout.toString(StandardCharsets.ISO_8859_1));
        for (Party p : new Party[] {alice, bob}) {
            assertTrue(p.err().contains("mediator offers STUN " + stun + " and relay " + mediator.relayUrl()), p.err());
        }
        assertTrue(bob.err().contains("relay allocated at the mediator"), bob.err());
        assertFalse(alice.err().contains("ignoring the peer's relay"), alice.err());
        assertTrue(mediator.metrics().scrape().contains("parley_mediator_relay_allocations_issued_total 1"));
    }

    @Test
    void aMalformedStunServerIsBadInput() {
        Party bob = new Party("bob", "peer");
        int exit = bob.run(new ByteArrayInputStream(new byte[0]), "listen", "--stun", "127.0.0.1:99999");
        assertEquals(1, exit, bob.err());
        assertTrue(bob.err().startsWith("parley: --stun \"127.0.0.1:99999\" must be HOST:PORT"), bob.err());
    }

    @Test
    void twoPartiesWhoKnowEachOthersDidsConnect() throws Exception {
        Party alice = new Party("alice", "peer");
        Party bob = new Party("bob", "key");
        byte[] fromAlice = random(64 * 1024, 3);
        byte[] fromBob = random(64 * 1024, 4);
        Future<Integer> a = threads.submit(() -> alice.run(new ByteArrayInputStream(fromAlice),
                "connect", bob.did, "--hosts", "loopback"));
        Future<Integer> b = threads.submit(() -> bob.run(new ByteArrayInputStream(fromBob),
                "connect", alice.did, "--hosts", "loopback"));
        assertEquals(0, a.get(120, TimeUnit.SECONDS), alice.err());
        assertEquals(0, b.get(120, TimeUnit.SECONDS), bob.err());
        assertArrayEquals(sha256(fromBob), sha256(alice.stdout.toByteArray()), "bob -> alice");
        assertArrayEquals(sha256(fromAlice), sha256(bob.stdout.toByteArray()), "alice -> bob");
    }

    @Test
    void connectRefusesAMalformedDidAndItsOwnDid() {
        Party alice = new Party("alice", "peer");
        assertEquals(1, alice.run(new ByteArrayInputStream(new byte[0]), "connect", "not-a-did"), alice.err());
        assertTrue(alice.err().startsWith("parley: \"not-a-did\" is not a DID"), alice.err());
        assertEquals(1, alice.run(new ByteArrayInputStream(new byte[0]), "connect", alice.did), alice.err());
    }
}
