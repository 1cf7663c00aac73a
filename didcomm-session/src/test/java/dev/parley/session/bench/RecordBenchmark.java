package dev.parley.session.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.TestIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import dev.parley.session.handshake.Established;
import dev.parley.session.handshake.SessionKeys;
import dev.parley.session.handshake.Suite;
import dev.parley.session.handshake.TestSessions;
import dev.parley.session.record.ContentType;
import dev.parley.session.record.OpenedRecord;
import dev.parley.session.record.RecordLayer;
import dev.parley.session.record.RekeyPolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-message cost, side by side: a session record sealed and opened (both suites), the bare JDK AEAD seal and open
 * each is built on, and DIDComm authcrypt pack and unpack (the DIDComm engineer's packer, did:peer:2 X25519); plus one
 * full handshake (both sides). Throughput in operations per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordBenchmark {

    /** Fixtures per message size. */
    @State(Scope.Thread)
    public static class Fixture {
        @Param({"64", "1024"})
        public int size;

        RecordLayer sender;
        RecordLayer receiver;
        RecordLayer chachaSender;
        RecordLayer chachaReceiver;
        byte[] message;
        byte[] header;
        byte[] wire;
        byte[] plain;
        SecretKeySpec key;
        Cipher enc;
        Cipher dec;
        SecretKeySpec aesKey;
        Cipher aesEnc;
        Cipher aesDec;
        byte[] nonce;
        long counter;
        LocalIdentity alice;
        LocalIdentity bob;
        DidCommPacker packer;
        DidCommUnpacker unpacker;
        Message didcomm;
        long seed = 1000;

        @Setup
        public void setUp() throws Exception {
            SessionKeys[] keys = TestSessions.keys(1);
            sender = new RecordLayer(keys[0], RekeyPolicy.defaults(), Clock.systemUTC());
            receiver = new RecordLayer(keys[1], RekeyPolicy.defaults(), Clock.systemUTC());
            SessionKeys[] chacha = TestSessions.keys(2, Suite.CHACHA20_POLY1305);
            chachaSender = new RecordLayer(chacha[0], RekeyPolicy.defaults(), Clock.systemUTC());
            chachaReceiver = new RecordLayer(chacha[1], RekeyPolicy.defaults(), Clock.systemUTC());
            // One spare byte so the record-shaped bare benchmarks can seal size + 1 (the inner type).
            message = new byte[size + 1];
            header = new byte[RecordLayer.HEADER_LENGTH];
            wire = new byte[RecordLayer.MAX_RECORD];
            plain = new byte[RecordLayer.MAX_RECORD];
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            key = new SecretKeySpec(raw, "ChaCha20");
            enc = Cipher.getInstance("ChaCha20-Poly1305");
            dec = Cipher.getInstance("ChaCha20-Poly1305");
            aesKey = new SecretKeySpec(raw, "AES");
            aesEnc = Cipher.getInstance("AES/GCM/NoPadding");
            aesDec = Cipher.getInstance("AES/GCM/NoPadding");
            nonce = new byte[12];
            alice = TestIdentities.create(TestIdentities.Kind.DID_PEER_2, TestIdentities.seeded(1));
            bob = TestIdentities.create(TestIdentities.Kind.DID_PEER_2, TestIdentities.seeded(2));
            packer = new DidCommPacker(TestIdentities.RESOLVER, new SecureRandom(), JsonLimits.DEFAULT);
            unpacker = new DidCommUnpacker(TestIdentities.RESOLVER, Clock.systemUTC(), JsonLimits.DEFAULT);
            // The JSON body carries the same number of bytes, base64url-encoded.
            didcomm = Message.builder("m-1", "https://parley.dev/protocols/bench/1.0/msg").from(alice.did())
                    .to(List.of(bob.did())).body(JsonNodeFactory.instance.objectNode()
                            .put("d", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[size]))).build();
        }
    }

    /** The default suite, AES-256-GCM. */
    @Benchmark
    public OpenedRecord recordSealOpen(Fixture f) throws Exception {
        int n = f.sender.seal(ContentType.DATA, f.message, 0, f.size, f.wire);
        return f.receiver.open(f.wire, n, f.plain);
    }

    @Benchmark
    public OpenedRecord recordSealOpenChaCha20(Fixture f) throws Exception {
        int n = f.chachaSender.seal(ContentType.DATA, f.message, 0, f.size, f.wire);
        return f.chachaReceiver.open(f.wire, n, f.plain);
    }

    @Benchmark
    public int bareChaCha20Poly1305SealOpen(Fixture f) throws Exception {
        long c = f.counter++;
        for (int i = 0; i < 8; i++) {
            f.nonce[4 + i] = (byte) (c >>> (8 * i));
        }
        f.enc.init(Cipher.ENCRYPT_MODE, f.key, new IvParameterSpec(f.nonce));
        int n = f.enc.doFinal(f.message, 0, f.size, f.wire, 0);
        f.dec.init(Cipher.DECRYPT_MODE, f.key, new IvParameterSpec(f.nonce));
        return f.dec.doFinal(f.wire, 0, n, f.plain, 0);
    }

    /** The bare primitive under the default suite. */
    @Benchmark
    public int bareAesGcmSealOpen(Fixture f) throws Exception {
        long c = f.counter++;
        for (int i = 0; i < 8; i++) {
            f.nonce[4 + i] = (byte) (c >>> (8 * i));
        }
        f.aesEnc.init(Cipher.ENCRYPT_MODE, f.aesKey, new javax.crypto.spec.GCMParameterSpec(128, f.nonce));
        int n = f.aesEnc.doFinal(f.message, 0, f.size, f.wire, 0);
        f.aesDec.init(Cipher.DECRYPT_MODE, f.aesKey, new javax.crypto.spec.GCMParameterSpec(128, f.nonce));
        return f.aesDec.doFinal(f.wire, 0, n, f.plain, 0);
    }

    /**
     * The AEAD work a record implies and nothing else: the same 18-byte associated data and one extra plaintext byte
     * (the inner type) as {@link #recordSealOpen}, so the gap to it is the record layer's own bookkeeping.
     */
    @Benchmark
    public int bareAesGcmRecordShapedSealOpen(Fixture f) throws Exception {
        long c = f.counter++;
        for (int i = 0; i < 8; i++) {
            f.nonce[4 + i] = (byte) (c >>> (8 * i));
        }
        f.aesEnc.init(Cipher.ENCRYPT_MODE, f.aesKey, new javax.crypto.spec.GCMParameterSpec(128, f.nonce));
        f.aesEnc.updateAAD(f.header);
        int n = f.aesEnc.doFinal(f.message, 0, f.size + 1, f.wire, 0);
        f.aesDec.init(Cipher.DECRYPT_MODE, f.aesKey, new javax.crypto.spec.GCMParameterSpec(128, f.nonce));
        f.aesDec.updateAAD(f.header);
        return f.aesDec.doFinal(f.wire, 0, n, f.plain, 0);
    }

    /** {@link #bareAesGcmRecordShapedSealOpen} for ChaCha20-Poly1305. */
    @Benchmark
    public int bareChaCha20Poly1305RecordShapedSealOpen(Fixture f) throws Exception {
        long c = f.counter++;
        for (int i = 0; i < 8; i++) {
            f.nonce[4 + i] = (byte) (c >>> (8 * i));
        }
        f.enc.init(Cipher.ENCRYPT_MODE, f.key, new IvParameterSpec(f.nonce));
        f.enc.updateAAD(f.header);
        int n = f.enc.doFinal(f.message, 0, f.size + 1, f.wire, 0);
        f.dec.init(Cipher.DECRYPT_MODE, f.key, new IvParameterSpec(f.nonce));
        f.dec.updateAAD(f.header);
        return f.dec.doFinal(f.wire, 0, n, f.plain, 0);
    }

    @Benchmark
    public Unpacked didcommAuthcryptPackUnpack(Fixture f) throws Exception {
        String packed = f.packer.packFor(f.didcomm, f.bob.did(), PackOptions.authcrypt(), f.alice).json();
        return f.unpacker.unpack(packed, f.bob.secrets());
    }

    @Benchmark
    public Established[] handshakeBothSides(Fixture f) {
        return TestSessions.established(f.seed++);
    }
}
