package dev.parley.did.peer;

import dev.parley.did.Did;
import dev.parley.did.DidException;
import dev.parley.did.InputTooLargeException;
import dev.parley.did.Service;
import dev.parley.did.UnsupportedKeyTypeException;
import dev.parley.did.crypto.PublicKey;
import dev.parley.did.internal.Base58;
import dev.parley.did.internal.Multicodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Creates did:peer DIDs. Numalgo 0 wraps one key like did:key; numalgo 2 lists keys by purpose
 * (typically an Ed25519 {@code V} key and a separate X25519 {@code E} key) and services.
 */
public final class DidPeer {

  /** At most this many keys plus services in one did:peer:2. */
  public static final int MAX_ELEMENTS = 64;

  private DidPeer() {}

  /** {@code did:peer:0<multibase key>}. */
  public static Did numalgo0(PublicKey key) {
    return new Did("peer", "0" + key.toMultibase());
  }

  /**
   * {@code did:peer:2} with {@code keys} in order and {@code services} in order. A service whose
   * id equals the one resolution would assign ({@code #service}, {@code #service-1}, ...) is
   * encoded without it, so resolving and re-creating gives back the same DID.
   *
   * @throws UnsupportedKeyTypeException if a key cannot serve its purpose (an {@code E} key
   *     must be a key agreement key, the others signing keys)
   * @throws InputTooLargeException if the DID would exceed {@link Did#MAX_LENGTH} or
   *     {@link #MAX_ELEMENTS}
   */
  public static Did numalgo2(List<PeerKey> keys, List<Service> services) throws DidException {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a did:peer:2 needs at least one key");
    }
    if (keys.size() + services.size() > MAX_ELEMENTS) {
      throw new InputTooLargeException("did:peer:2 would have " + (keys.size() + services.size())
          + " elements; the limit is " + MAX_ELEMENTS);
    }
    StringBuilder msid = new StringBuilder("2");
    for (PeerKey k : keys) {
      checkPurpose(k.purpose(), k.key());
      msid.append('.').append(k.purpose().code()).append(k.key().toMultibase());
    }
    int idless = 0;
    for (Service s : services) {
      boolean omitId = s.id().equals(PeerServiceCodec.defaultId(idless));
      if (omitId) {
        idless++;
      }
      msid.append(".S").append(PeerServiceCodec.encode(s, !omitId));
    }
    if (msid.length() + "did:peer:".length() > Did.MAX_LENGTH) {
      throw new InputTooLargeException("did:peer:2 would be " + (msid.length() + 9)
          + " characters; the limit is " + Did.MAX_LENGTH);
    }
    return new Did("peer", msid.toString());
  }

  /**
   * The did:peer:3 short form of a did:peer:2: {@code did:peer:3} + multibase(multihash(
   * SHA-256 of the DID without its {@code did:peer:2} prefix)).
   */
  public static Did numalgo3(Did peer2) {
    if (!peer2.method().equals("peer") || !peer2.methodSpecificId().startsWith("2")) {
      throw new IllegalArgumentException("not a did:peer:2: " + peer2);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(peer2.methodSpecificId().substring(1).getBytes(StandardCharsets.US_ASCII));
      byte[] multihash = Multicodec.prefix(0x12, Multicodec.prefix(digest.length, digest));
      return new Did("peer", "3z" + Base58.encode(multihash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  static void checkPurpose(Purpose purpose, PublicKey key) throws UnsupportedKeyTypeException {
    boolean ok = purpose == Purpose.ENCRYPTION ? key.type().isKeyAgreement() : key.type().isSigning();
    if (!ok) {
      throw new UnsupportedKeyTypeException("a " + key.type().jwkCrv()
          + " key cannot have did:peer:2 purpose " + purpose.code() + " (" + purpose
          + "); E needs a key agreement key such as X25519, the others a signing key such as Ed25519");
    }
  }
}
