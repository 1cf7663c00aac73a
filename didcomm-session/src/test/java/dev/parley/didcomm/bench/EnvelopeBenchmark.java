package dev.parley.didcomm.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.TestIdentities;
import dev.parley.didcomm.TestIdentities.Kind;
import dev.parley.didcomm.did.CachingDidResolver;
import dev.parley.didcomm.did.DidCoreResolver;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.ContentEncryption;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-message cost of DIDComm envelopes, the baseline the Noise session upgrade is compared against:
 * pack and unpack for each mode, 64 B and 1 KiB bodies, X25519 (did:key Ed25519) and P-256 (did:key P-256).
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnvelopeBenchmark {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    /** Shared fixtures for one parameter combination. */
    @State(Scope.Benchmark)
    public static class Fixture {
        @Param({"PLAIN", "SIGNED", "ANONCRYPT", "AUTHCRYPT"})
        public String mode;

        @Param({"64", "1024"})
        public int bodyBytes;

        @Param({"X25519", "P256"})
        public String curve;

        LocalIdentity alice;
        LocalIdentity bob;
        Message message;
        PackOptions options;
        DidCommPacker packer;
        DidCommUnpacker unpacker;
        String packed;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Kind kind = curve.equals("X25519") ? Kind.DID_KEY_ED25519 : Kind.DID_KEY_P256;
            alice = TestIdentities.create(kind, TestIdentities.seeded(1));
            bob = TestIdentities.create(kind, TestIdentities.seeded(2));
            message = Message.builder("bench-1", "https://didcomm.org/basicmessage/2.0/message").from(alice.did())
                    .to(List.of(bob.did())).createdTime(NOW)
                    .body(JsonNodeFactory.instance.objectNode().put("content", "x".repeat(bodyBytes - 14))).build();
            options = switch (mode) {
                case "PLAIN" -> PackOptions.plain();
                case "SIGNED" -> PackOptions.signed();
                case "ANONCRYPT" -> PackOptions.anoncrypt(ContentEncryption.A256GCM);
                default -> PackOptions.authcrypt();
            };
            packer = new DidCommPacker(TestIdentities.RESOLVER, new java.security.SecureRandom(), JsonLimits.DEFAULT);
            unpacker = new DidCommUnpacker(TestIdentities.RESOLVER, Clock.fixed(NOW, ZoneOffset.UTC), JsonLimits.DEFAULT);
            packed = packer.pack(message, options, alice).get(0).json();
        }
    }

    @Benchmark
    public String pack(Fixture f) throws Exception {
        return f.packer.pack(f.message, f.options, f.alice).get(0).json();
    }

    @Benchmark
    public Unpacked unpack(Fixture f) throws Exception {
        return f.unpacker.unpack(f.packed, f.bob.secrets());
    }

    /** Authcrypt unpack with and without the key cache: what re-converting DID documents costs per message. */
    @State(Scope.Benchmark)
    public static class ResolverFixture {
        @Param({"CACHED", "UNCACHED"})
        public String resolver;

        LocalIdentity bob;
        DidCommUnpacker unpacker;
        String packed;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            LocalIdentity alice = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(3));
            bob = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(4));
            DidResolver r = resolver.equals("CACHED")
                    ? new CachingDidResolver(DidCoreResolver.withInstalledMethods(), Clock.systemUTC(), 64, Duration.ofHours(1))
                    : DidCoreResolver.withInstalledMethods();
            Message m = Message.builder("bench-2", "https://didcomm.org/basicmessage/2.0/message").from(alice.did())
                    .to(List.of(bob.did())).body(JsonNodeFactory.instance.objectNode().put("content", "hi")).build();
            packed = new DidCommPacker(r, new java.security.SecureRandom(), JsonLimits.DEFAULT)
                    .pack(m, PackOptions.authcrypt(), alice).get(0).json();
            unpacker = new DidCommUnpacker(r, Clock.fixed(NOW, ZoneOffset.UTC), JsonLimits.DEFAULT);
        }
    }

    @Benchmark
    public Unpacked unpackDidPeerAuthcrypt(ResolverFixture f) throws Exception {
        return f.unpacker.unpack(f.packed, f.bob.secrets());
    }
}
