package dev.parley.did;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.key.DidKeyMethod;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DidResolverTest {

  private final SecureRandom random = new SecureRandom(new byte[] {3});

  /** Counts calls, so cache hits are observable. */
  private static final class CountingMethod implements DidMethod {
    final AtomicInteger calls = new AtomicInteger();
    private final DidKeyMethod delegate = new DidKeyMethod();

    @Override
    public String name() {
      return "key";
    }

    @Override
    public DidDocument resolve(Did did) throws DidException {
      calls.incrementAndGet();
      return delegate.resolve(did);
    }
  }

  @Test
  void findsDidKeyAndDidPeerThroughServiceLoader() {
    assertEquals(Set.of("key", "peer"), DidResolver.withInstalledMethods(8).methodNames());
  }

  @Test
  void cachesDocumentsAndEvictsTheLeastRecentlyUsed() throws Exception {
    CountingMethod method = new CountingMethod();
    DidResolver resolver = new DidResolver(List.of(method), 2);
    Did a = did();
    Did b = did();
    Did c = did();
    DidDocument docA = resolver.resolve(a);
    resolver.resolve(b);
    assertSame(docA, resolver.resolve(a), "hit");
    assertEquals(2, method.calls.get());
    resolver.resolve(c);
    assertEquals(2, resolver.cachedCount(), "bounded");
    resolver.resolve(a);
    assertEquals(3, method.calls.get(), "a was used more recently than b, so b was evicted");
    resolver.resolve(b);
    assertEquals(4, method.calls.get());
  }

  @Test
  void cacheSizeZeroDisablesCaching() throws Exception {
    CountingMethod method = new CountingMethod();
    DidResolver resolver = new DidResolver(List.of(method), 0);
    Did a = did();
    assertNotSame(resolver.resolve(a), resolver.resolve(a));
    assertEquals(0, resolver.cachedCount());
  }

  @Test
  void resolvesKeyIdsToVerificationMethods() throws Exception {
    DidResolver resolver = DidResolver.withInstalledMethods(8);
    PrivateKey key = PrivateKey.generate(KeyType.ED25519, random);
    Did did = DidKeyMethod.create(key.publicKey());
    String agreementId = did + "#" + key.publicKey().deriveX25519().toMultibase();
    VerificationMethod vm = resolver.resolveVerificationMethod(agreementId);
    assertEquals(key.deriveX25519().publicKey(), vm.publicKey());
    assertEquals(agreementId, vm.absoluteId().toString());
    DidDocument doc = resolver.resolve(did);
    assertEquals(List.of(vm), doc.keyAgreementMethods());
    assertEquals(key.publicKey(), doc.authenticationMethods().get(0).publicKey());
  }

  @Test
  void rejectsTwoDriversForOneMethod() {
    assertThrows(IllegalArgumentException.class,
        () -> new DidResolver(List.of(new DidKeyMethod(), new DidKeyMethod()), 1));
  }

  @Test
  void documentsRejectRelationshipsToUnknownMethods() {
    Did did = new Did("example", "1");
    assertThrows(IllegalArgumentException.class, () -> new DidDocument(did, List.of(), List.of(),
        List.of(), java.util.Map.of(VerificationRelationship.AUTHENTICATION, List.of("#k")),
        List.of()));
  }

  private Did did() throws Exception {
    return DidKeyMethod.create(PrivateKey.generate(KeyType.P256, random).publicKey());
  }
}
