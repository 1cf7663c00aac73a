package dev.parley.did.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.did.DidException;
import dev.parley.did.InvalidJwkException;
import dev.parley.did.internal.StrictJson;
import java.util.Objects;

/**
 * A JSON Web Key for an OKP (RFC 8037) or EC (RFC 7518) key: {@code kty}, {@code crv},
 * {@code x}, optional {@code y} (EC only) and optional {@code d} (private keys only).
 *
 * <p>Immutable. Values are kept as their base64url text; {@link PublicKey#fromJwk} and
 * {@link PrivateKey#fromJwk} validate them. {@link #toString()} never prints {@code d}. Members
 * other than these five (such as {@code kid} or {@code use}) are ignored on parse.
 */
public final class Jwk {

  /** Longest JWK text accepted by {@link #parse}. */
  public static final int MAX_JSON_CHARS = 16 * 1024;

  private final String kty;
  private final String crv;
  private final String x;
  private final String y;
  private final String d;

  public Jwk(String kty, String crv, String x, String y, String d) {
    this.kty = Objects.requireNonNull(kty, "kty");
    this.crv = Objects.requireNonNull(crv, "crv");
    this.x = Objects.requireNonNull(x, "x");
    this.y = y;
    this.d = d;
  }

  /** Parses JWK JSON strictly (no duplicate members, bounded size). */
  public static Jwk parse(String json) throws DidException {
    JsonNode node = StrictJson.parse(json, MAX_JSON_CHARS, "JWK");
    return fromJson(node);
  }

  /** Reads a JWK from an already parsed JSON object. */
  public static Jwk fromJson(JsonNode node) throws InvalidJwkException {
    if (!node.isObject()) {
      throw new InvalidJwkException("JWK must be a JSON object, got " + node.getNodeType());
    }
    return new Jwk(required(node, "kty"), required(node, "crv"), required(node, "x"),
        optional(node, "y"), optional(node, "d"));
  }

  private static String required(JsonNode node, String name) throws InvalidJwkException {
    JsonNode v = node.get(name);
    if (v == null) {
      throw new InvalidJwkException("JWK is missing the required member \"" + name + "\"");
    }
    if (!v.isTextual()) {
      throw new InvalidJwkException("JWK member \"" + name + "\" must be a string");
    }
    return v.textValue();
  }

  private static String optional(JsonNode node, String name) throws InvalidJwkException {
    return node.has(name) ? required(node, name) : null;
  }

  public String kty() {
    return kty;
  }

  public String crv() {
    return crv;
  }

  public String x() {
    return x;
  }

  /** The y coordinate of an EC key, or {@code null} for OKP keys. */
  public String y() {
    return y;
  }

  /** The private value, or {@code null} for a public JWK. Handle as a secret. */
  public String d() {
    return d;
  }

  public boolean isPrivate() {
    return d != null;
  }

  /** This key without {@code d}. */
  public Jwk publicOnly() {
    return new Jwk(kty, crv, x, y, null);
  }

  /** The JWK as a JSON object tree (includes {@code d} if present). */
  public ObjectNode toJsonNode() {
    ObjectNode n = StrictJson.MAPPER.createObjectNode();
    n.put("kty", kty);
    n.put("crv", crv);
    n.put("x", x);
    if (y != null) {
      n.put("y", y);
    }
    if (d != null) {
      n.put("d", d);
    }
    return n;
  }

  /** Compact JSON text (includes {@code d} if present: this is the explicit export). */
  public String toJson() {
    return StrictJson.write(toJsonNode());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Jwk j && kty.equals(j.kty) && crv.equals(j.crv) && x.equals(j.x)
        && Objects.equals(y, j.y) && Objects.equals(d, j.d);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kty, crv, x, y, d);
  }

  @Override
  public String toString() {
    return "Jwk[kty=" + kty + ", crv=" + crv + ", x=" + x + (y == null ? "" : ", y=" + y)
        + (d == null ? "" : ", d=<redacted>") + "]";
  }
}
