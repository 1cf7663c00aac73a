package dev.parley.did;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.did.crypto.Jwk;
import dev.parley.did.crypto.KeyAgreement;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.crypto.PublicKey;
import dev.parley.did.crypto.Signatures;
import dev.parley.did.internal.Base58;
import dev.parley.did.internal.Base64Url;
import dev.parley.did.internal.Multicodec;
import dev.parley.did.key.DidKeyMethod;
import dev.parley.did.peer.DidPeerMethod;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rejected input gets its own exception type and a message naming the problem. Each case
 * asserts both.
 */
class ErrorCasesTest {

  private static final String V = "z6Mkj3PUd1WjvaDhNZhhhXQdz5UnZXmS7ehtx8bsPpD47kKc";
  private static final String E = "z6LSg8zQom395jKLrGiBNruB9MM6V8PWuf2FpEy4uRFiqQBR";
  private static final DidResolver RESOLVER =
      new DidResolver(List.of(new DidKeyMethod(), new DidPeerMethod()), 16);

  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  record Case(String name, Action action, Class<? extends Exception> type, String fragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case c(String name, Class<? extends Exception> type, String fragment, Action a) {
    return new Case(name, a, type, fragment);
  }

  static Stream<Case> cases() {
    return Stream.of(
        c("no did: prefix", MalformedDidException.class, "must start with \"did:\"",
            () -> Did.parse("key:z6Mk")),
        c("upper-case method", MalformedDidException.class, "lowercase",
            () -> Did.parse("did:Key:" + V)),
        c("empty method-specific id", MalformedDidException.class, "method-specific id",
            () -> Did.parse("did:key:")),
        c("space in DID", MalformedDidException.class, "method-specific id",
            () -> Did.parse("did:key:abc def")),
        c("trailing colon", MalformedDidException.class, "method-specific id",
            () -> Did.parse("did:key:abc:")),
        c("no method separator", MalformedDidException.class, "expected did:<method>",
            () -> Did.parse("did:key")),
        c("DID URL with path", MalformedDidException.class, "path or query",
            () -> DidUrl.parse("did:key:" + V + "/path#x")),
        c("DID URL with empty fragment", MalformedDidException.class, "empty or invalid fragment",
            () -> DidUrl.parse("did:key:" + V + "#")),
        c("oversized fragment", InputTooLargeException.class, "limit is 1024",
            () -> DidUrl.parse("did:key:" + V + "#" + "a".repeat(5000))),
        c("key id without fragment", MalformedDidException.class, "has no fragment",
            () -> RESOLVER.resolveVerificationMethod("did:key:" + V)),
        c("did:key with version component", MalformedDidException.class, "version",
            () -> RESOLVER.resolve("did:key:1:" + V)),
        c("unknown method", UnsupportedDidMethodException.class, "\"web\" is not supported",
            () -> RESOLVER.resolve("did:web:example.com")),
        c("oversized DID", InputTooLargeException.class, "limit is 8192",
            () -> RESOLVER.resolve("did:peer:2.V" + "z".repeat(9000))),
        c("multibase not z", InvalidEncodingException.class, "must start with 'z'",
            () -> RESOLVER.resolve("did:key:m" + V.substring(1))),
        c("bad base58 character", InvalidEncodingException.class, "invalid base58btc character '0'",
            () -> RESOLVER.resolve("did:key:z6Mk0OIl")),
        c("overlong multicodec varint", InvalidEncodingException.class, "varint is longer",
            () -> PublicKey.fromMultibase("z" + Base58.encode(new byte[] {(byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, 1, 2}))),
        c("truncated multicodec varint", InvalidEncodingException.class, "truncated",
            () -> PublicKey.fromMultibase("z" + Base58.encode(new byte[] {(byte) 0xed}))),
        c("unknown multicodec (RSA)", UnsupportedKeyTypeException.class, "0x1205",
            () -> PublicKey.fromMultibase("z" + Base58.encode(Multicodec.prefix(0x1205, new byte[64])))),
        c("Ed25519 key of 31 bytes", InvalidKeyLengthException.class, "must be 32 bytes, got 31",
            () -> PublicKey.fromMultibase(multibase(0xed, new byte[31]))),
        c("X25519 key of 33 bytes", InvalidKeyLengthException.class, "must be 32 bytes, got 33",
            () -> PublicKey.fromMultibase(multibase(0xec, new byte[33]))),
        c("uncompressed P-256 key in multicodec", InvalidKeyLengthException.class,
            "33 bytes (compressed point), got 65",
            () -> PublicKey.fromMultibase(multibase(0x1200, new byte[65]))),
        c("P-256 bad point prefix", InvalidPointException.class, "must be a compressed point",
            () -> PublicKey.of(KeyType.P256, prefixed((byte) 5, 32))),
        c("P-256 x not on curve", InvalidPointException.class, "not a point on P-256",
            () -> PublicKey.of(KeyType.P256, notOnCurve(KeyType.P256))),
        c("secp256k1 x not on curve", InvalidPointException.class, "not a point on secp256k1",
            () -> PublicKey.of(KeyType.SECP256K1, notOnCurve(KeyType.SECP256K1))),
        c("P-384 x not on curve", InvalidPointException.class, "not a point on P-384",
            () -> PublicKey.of(KeyType.P384, notOnCurve(KeyType.P384))),
        c("Ed25519 y not on curve", InvalidPointException.class, "does not decode to a curve point",
            () -> PublicKey.of(KeyType.ED25519, ed25519NotOnCurve())),
        c("X25519 all-zero key", WeakKeyException.class, "small-order",
            () -> PublicKey.of(KeyType.X25519, new byte[32])),
        c("X25519 order-8 key in did:key", WeakKeyException.class, "small-order",
            () -> RESOLVER.resolve("did:key:" + multibase(0xec, HexFormat.of().parseHex(
                "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")))),
        c("X25519 key with top bit set", InvalidPointException.class, "top bit",
            () -> PublicKey.of(KeyType.X25519, prefixedTail((byte) 0x80))),
        c("unsupported peer numalgo", MalformedDidException.class, "numalgo '9'",
            () -> RESOLVER.resolve("did:peer:9" + V)),
        c("unknown peer purpose", MalformedDidException.class, "purpose code 'X'",
            () -> RESOLVER.resolve("did:peer:2.X" + V)),
        c("Ed25519 key as peer E key", UnsupportedKeyTypeException.class, "purpose E",
            () -> RESOLVER.resolve("did:peer:2.E" + V)),
        c("X25519 key as peer V key", UnsupportedKeyTypeException.class, "purpose V",
            () -> RESOLVER.resolve("did:peer:2.V" + E)),
        c("peer:2 without keys", MalformedDidException.class, "no key elements",
            () -> RESOLVER.resolve("did:peer:2.S" + service("{\"t\":\"dm\",\"s\":{\"uri\":\"x\"}}"))),
        c("peer:2 empty element", MalformedDidException.class, "empty",
            () -> RESOLVER.resolve("did:peer:2.V" + V + "..E" + E)),
        c("peer:2 too many elements", InputTooLargeException.class, "limit is 64",
            () -> RESOLVER.resolve("did:peer:2" + (".V" + V).repeat(65))),
        c("service not base64url", InvalidEncodingException.class, "not valid base64url",
            () -> RESOLVER.resolve(peer2("A"))),
        c("padding in DID", MalformedDidException.class, "invalid method-specific id",
            () -> RESOLVER.resolve(peer2("e30=="))),
        c("service not JSON", InvalidEncodingException.class, "not valid JSON",
            () -> RESOLVER.resolve(peer2(service("not json")))),
        c("service a JSON array", InvalidServiceException.class, "must be a JSON object",
            () -> RESOLVER.resolve(peer2(service("[1]")))),
        c("service without endpoint", InvalidServiceException.class, "no \"s\"",
            () -> RESOLVER.resolve(peer2(service("{\"t\":\"dm\"}")))),
        c("DIDComm service without uri", InvalidServiceException.class, "\"uri\"",
            () -> RESOLVER.resolve(peer2(service("{\"t\":\"dm\",\"s\":{\"a\":[]}}")))),
        c("service with absolute id", InvalidServiceException.class, "relative reference",
            () -> RESOLVER.resolve(peer2(service(
                "{\"t\":\"dm\",\"s\":{\"uri\":\"x\"},\"id\":\"did:x:y#s\"}")))),
        c("service with duplicate member", InvalidEncodingException.class, "Duplicate",
            () -> RESOLVER.resolve(peer2(service("{\"t\":\"dm\",\"t\":\"dm\",\"s\":\"x\"}")))),
        c("service with 17 routing keys", InputTooLargeException.class, "limit is 16",
            () -> RESOLVER.resolve(peer2(service("{\"t\":\"dm\",\"s\":{\"uri\":\"x\",\"r\":["
                + "\"k\",".repeat(16) + "\"k\"]}}")))),
        c("two services with one id", InvalidServiceException.class, "two services with id #a",
            () -> RESOLVER.resolve(peer2(service("{\"t\":\"x\",\"s\":\"u\",\"id\":\"#a\"}")
                + ".S" + service("{\"t\":\"x\",\"s\":\"u\",\"id\":\"#a\"}")))),
        c("JWK without kty", InvalidJwkException.class, "\"kty\"",
            () -> Jwk.parse("{\"crv\":\"Ed25519\",\"x\":\"AA\"}")),
        c("JWK of an RSA key", UnsupportedKeyTypeException.class, "kty \"RSA\"",
            () -> PublicKey.fromJwk(Jwk.parse("{\"kty\":\"RSA\",\"crv\":\"\",\"x\":\"AA\"}"))),
        c("EC JWK without y", InvalidJwkException.class, "missing the y member",
            () -> PublicKey.fromJwk(new Jwk("EC", "P-256", Base64Url.encode(new byte[32]), null, null))),
        c("EC JWK point off the curve", InvalidPointException.class, "not a point on P-256",
            () -> PublicKey.fromJwk(new Jwk("EC", "P-256", Base64Url.encode(new byte[32]),
                Base64Url.encode(new byte[32]), null))),
        c("private JWK with someone else's x", InvalidJwkException.class, "do not match",
            () -> PrivateKey.fromJwk(new Jwk("OKP", "Ed25519",
                PublicKey.fromMultibase(V).toJwk().x(), null, Base64Url.encode(new byte[32])))),
        c("oversized JWK", InputTooLargeException.class, "limit is 16384",
            () -> Jwk.parse("{\"kty\":\"" + "a".repeat(20000) + "\"}")),
        c("JWK with duplicate member", InvalidEncodingException.class, "Duplicate",
            () -> Jwk.parse("{\"kty\":\"OKP\",\"kty\":\"OKP\"}")),
        c("generating a resolve-only key", UnsupportedKeyTypeException.class, "resolve-only",
            () -> PrivateKey.generate(KeyType.SECP256K1, new SecureRandom())),
        c("P-256 private scalar zero", InvalidPointException.class, "[1, n-1]",
            () -> PrivateKey.fromBytes(KeyType.P256, new byte[32])),
        c("signing with an X25519 key", UnsupportedKeyTypeException.class, "cannot sign",
            () -> Signatures.signer(PrivateKey.generate(KeyType.X25519, new SecureRandom()))),
        c("agreeing across curves", UnsupportedKeyTypeException.class, "curves must match",
            () -> KeyAgreement.agree(PrivateKey.generate(KeyType.X25519, new SecureRandom()),
                PrivateKey.generate(KeyType.P256, new SecureRandom()).publicKey())),
        c("unknown key id", VerificationMethodNotFoundException.class,
            "no verification method \"#nope\"",
            () -> RESOLVER.resolveVerificationMethod("did:key:" + V + "#nope")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsWithItsOwnTypeAndAMessageNamingTheProblem(Case c) {
    Exception e = assertThrows(Exception.class, c.action()::run, c.name());
    assertEquals(c.type(), e.getClass(), c.name() + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(c.fragment()),
        c.name() + ": message \"" + e.getMessage() + "\" should mention \"" + c.fragment() + "\"");
  }

  @Test
  void coversAtLeastThirtyCases() {
    assertTrue(cases().count() >= 30, "error cases: " + cases().count());
  }

  private static String multibase(int codec, byte[] raw) {
    return "z" + Base58.encode(Multicodec.prefix(codec, raw));
  }

  private static String peer2(String encodedService) {
    return "did:peer:2.V" + V + ".S" + encodedService;
  }

  private static String service(String json) {
    return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] prefixed(byte first, int rest) {
    byte[] b = new byte[rest + 1];
    b[0] = first;
    return b;
  }

  private static byte[] prefixedTail(byte last) {
    byte[] b = new byte[32];
    b[0] = 9;
    b[31] = last;
    return b;
  }

  /** A compressed point whose x has no y on the curve (searched deterministically). */
  private static byte[] notOnCurve(KeyType type) {
    for (int x = 1; ; x++) {
      byte[] candidate = new byte[type.publicKeyLength()];
      candidate[0] = 2;
      candidate[candidate.length - 1] = (byte) x;
      try {
        PublicKey.of(type, candidate);
      } catch (InvalidPointException e) {
        return candidate;
      } catch (DidException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** An Ed25519 encoding whose y has no x (searched deterministically). */
  private static byte[] ed25519NotOnCurve() {
    for (int y = 2; ; y++) {
      byte[] candidate = new byte[32];
      candidate[0] = (byte) y;
      if (!Ed25519.validatePublicKeyPartial(candidate, 0)) {
        return candidate;
      }
    }
  }
}
