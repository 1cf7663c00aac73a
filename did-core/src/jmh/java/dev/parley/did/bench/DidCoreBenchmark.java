package dev.parley.did.bench;

import dev.parley.did.Did;
import dev.parley.did.DidDocument;
import dev.parley.did.DidResolver;
import dev.parley.did.PublicKeyFormat;
import dev.parley.did.crypto.KeyAgreement;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.crypto.Signatures;
import dev.parley.did.crypto.Signer;
import dev.parley.did.crypto.Verifier;
import dev.parley.did.key.DidKeyMethod;
import dev.parley.did.keystore.KdfParameters;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * did-core's hot paths next to the alternatives they were chosen over (JDK, Bouncy Castle,
 * Tink), so one run shows the choice. Figures: docs/benchmarks/did-core.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DidCoreBenchmark {

  private final byte[] message = new byte[256];
  private Did ed25519Did;
  private Did p256Did;
  private DidKeyMethod multikey;
  private DidKeyMethod jwk;
  private DidResolver cachedResolver;

  private Signer ed25519Signer;
  private Verifier ed25519Verifier;
  private byte[] ed25519Signature;
  private Ed25519Sign tinkSign;
  private Ed25519Verify tinkVerify;
  private Signature jdkEd25519Sign;
  private Signature jdkEd25519Verify;

  private Signer p256Signer;
  private Verifier p256Verifier;
  private byte[] p256Signature;
  private Signature jdkP256Sign;
  private Signature jdkP256Verify;
  private byte[] jdkP256Signature;

  private PrivateKey x25519A;
  private PrivateKey x25519B;
  private javax.crypto.KeyAgreement jdkX25519;
  private KeyPair jdkX25519Peer;
  private PrivateKey p256A;
  private PrivateKey p256B;

  @Setup
  public void setup() throws Exception {
    SecureRandom random = new SecureRandom();
    random.nextBytes(message);
    PrivateKey ed = PrivateKey.generate(KeyType.ED25519, random);
    PrivateKey p256 = PrivateKey.generate(KeyType.P256, random);
    ed25519Did = DidKeyMethod.create(ed.publicKey());
    p256Did = DidKeyMethod.create(p256.publicKey());
    multikey = new DidKeyMethod(PublicKeyFormat.MULTIKEY);
    jwk = new DidKeyMethod(PublicKeyFormat.JSON_WEB_KEY_2020);
    cachedResolver = DidResolver.withInstalledMethods(1024);

    ed25519Signer = Signatures.signer(ed);
    ed25519Verifier = Signatures.verifier(ed.publicKey());
    ed25519Signature = ed25519Signer.sign(message);
    tinkSign = new Ed25519Sign(ed.exportSecretBytes());
    tinkVerify = new Ed25519Verify(ed.publicKey().rawBytes());
    KeyPair jdkEd = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    jdkEd25519Sign = Signature.getInstance("Ed25519");
    jdkEd25519Sign.initSign(jdkEd.getPrivate());
    jdkEd25519Verify = Signature.getInstance("Ed25519");
    jdkEd25519Verify.initVerify(jdkEd.getPublic());

    p256Signer = Signatures.signer(p256);
    p256Verifier = Signatures.verifier(p256.publicKey());
    p256Signature = p256Signer.sign(message);
    KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
    ecGen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair jdkP256 = ecGen.generateKeyPair();
    jdkP256Sign = Signature.getInstance("SHA256withECDSAinP1363Format");
    jdkP256Sign.initSign(jdkP256.getPrivate());
    jdkP256Verify = Signature.getInstance("SHA256withECDSAinP1363Format");
    jdkP256Verify.initVerify(jdkP256.getPublic());
    jdkP256Sign.update(message);
    jdkP256Signature = jdkP256Sign.sign();

    x25519A = PrivateKey.generate(KeyType.X25519, random);
    x25519B = PrivateKey.generate(KeyType.X25519, random);
    KeyPairGenerator xdh = KeyPairGenerator.getInstance("X25519");
    KeyPair jdkX = xdh.generateKeyPair();
    jdkX25519Peer = xdh.generateKeyPair();
    jdkX25519 = javax.crypto.KeyAgreement.getInstance("X25519");
    jdkX25519.init(jdkX.getPrivate());
    p256A = PrivateKey.generate(KeyType.P256, random);
    p256B = PrivateKey.generate(KeyType.P256, random);
  }

  @Benchmark
  public DidDocument didKeyResolveEd25519Multikey() throws Exception {
    return multikey.resolve(ed25519Did);
  }

  @Benchmark
  public DidDocument didKeyResolveEd25519Jwk() throws Exception {
    return jwk.resolve(ed25519Did);
  }

  @Benchmark
  public String didKeyResolveP256JwkToJson() throws Exception {
    return jwk.resolve(p256Did).toJson();
  }

  @Benchmark
  public DidDocument didKeyResolveCached() throws Exception {
    return cachedResolver.resolve(ed25519Did);
  }

  @Benchmark
  public byte[] ed25519SignBouncyCastleParley() {
    return ed25519Signer.sign(message);
  }

  @Benchmark
  public byte[] ed25519SignTink() throws Exception {
    return tinkSign.sign(message);
  }

  @Benchmark
  public byte[] ed25519SignJdk() throws Exception {
    jdkEd25519Sign.update(message);
    return jdkEd25519Sign.sign();
  }

  @Benchmark
  public boolean ed25519VerifyBouncyCastleParley() {
    return ed25519Verifier.verify(message, ed25519Signature);
  }

  @Benchmark
  public boolean ed25519VerifyTink() {
    try {
      tinkVerify.verify(ed25519Signature, message);
      return true;
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  @Benchmark
  public boolean ed25519VerifyJdk() throws Exception {
    jdkEd25519Verify.update(message);
    return jdkEd25519Verify.verify(ed25519Signature);
  }

  @Benchmark
  public byte[] p256SignBouncyCastleParley() {
    return p256Signer.sign(message);
  }

  @Benchmark
  public byte[] p256SignJdk() throws Exception {
    jdkP256Sign.update(message);
    return jdkP256Sign.sign();
  }

  @Benchmark
  public boolean p256VerifyBouncyCastleParley() {
    return p256Verifier.verify(message, p256Signature);
  }

  @Benchmark
  public boolean p256VerifyJdk() throws Exception {
    jdkP256Verify.update(message);
    return jdkP256Verify.verify(jdkP256Signature);
  }

  @Benchmark
  public byte[] x25519AgreeBouncyCastleParley() throws Exception {
    return KeyAgreement.agree(x25519A, x25519B.publicKey()).bytes();
  }

  @Benchmark
  public byte[] x25519AgreeJdk() throws Exception {
    jdkX25519.doPhase(jdkX25519Peer.getPublic(), true);
    return jdkX25519.generateSecret();
  }

  /** The keystore's key derivation at its default cost (m=64 MiB, t=3, p=1). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public byte[] argon2idKeystoreDefault() {
    KdfParameters k = KdfParameters.DEFAULT;
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(k.memoryKib()).withIterations(k.iterations())
        .withParallelism(k.parallelism()).withSalt(message).build());
    byte[] out = new byte[48];
    gen.generateBytes("a passphrase".toCharArray(), out);
    return out;
  }

  @Benchmark
  public byte[] p256EcdhBouncyCastleParley() throws Exception {
    return KeyAgreement.agree(p256A, p256B.publicKey()).bytes();
  }
}
