package dev.parley.did.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.did.DidCommMessagingService;
import dev.parley.did.DidDocument;
import dev.parley.did.crypto.Jwk;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.peer.DidPeerMethod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreTest {

  static final String PASSPHRASE = "correct horse battery staple";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir
  Path home;
  private final SecureRandom random = new SecureRandom(new byte[] {9});

  private Keystore store() {
    return new Keystore(home, KdfParameters.TEST_ONLY_WEAK, random, Duration.ofSeconds(30));
  }

  private static Passphrase pass() {
    return Passphrase.of(PASSPHRASE.toCharArray());
  }

  @Test
  void storesListsLoadsAndDeletesIdentities() throws Exception {
    Keystore store = store();
    Identity ed = Identities.newDidKey("alice", KeyType.ED25519, random, CLOCK);
    Identity p256 = Identities.newDidKey("alice.p256", KeyType.P256, random, CLOCK);
    Identity peer = Identities.newDidPeer2("bob-peer", List.of(new DidCommMessagingService(
        "#service", "https://mediator.example", List.of("didcomm/v2"),
        List.of("did:key:z6MkmediatorXYZ#key"))), random, CLOCK);
    store.create(ed, pass());
    store.create(p256, pass());
    store.create(peer, pass());

    assertEquals(List.of("alice", "alice.p256", "bob-peer"),
        store.list().stream().map(IdentitySummary::name).toList());
    assertEquals(peer.summary(), store.summary("bob-peer"));

    Identity loaded = store.load("bob-peer", pass());
    assertEquals(peer.did(), loaded.did());
    assertEquals(2, loaded.keys().size());
    assertEquals(KeyType.ED25519, loaded.key("#key-1").key().type());
    assertEquals(KeyType.X25519, loaded.key("#key-2").key().type());
    DidDocument doc = new DidPeerMethod().resolve(loaded.did());
    assertEquals(doc.keyAgreementMethods().get(0).publicKey(), loaded.key("#key-2").key().publicKey());
    assertArrayEquals(peer.key("#key-1").key().exportSecretBytes(),
        loaded.key("#key-1").key().exportSecretBytes());
    assertEquals(CLOCK.instant(), loaded.created());
    assertEquals(p256.did(), store.load("alice.p256", pass()).did());

    store.delete("alice");
    assertEquals(List.of("alice.p256", "bob-peer"),
        store.list().stream().map(IdentitySummary::name).toList());
    assertThrows(IdentityNotFoundException.class, () -> store.load("alice", pass()));
    assertThrows(IdentityNotFoundException.class, () -> store.delete("alice"));
  }

  @Test
  void filesAreOwnerOnlyAndHoldNoSecretInTheClear() throws Exception {
    Identity id = Identities.newDidKey("carol", KeyType.ED25519, random, CLOCK);
    store().create(id, pass());
    Path dir = home.resolve("identities");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    Path file = dir.resolve("carol.json");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String text = Files.readString(file);
    assertFalse(text.contains(id.keys().get(0).key().exportJwk().d()));
    assertTrue(text.contains(id.did().toString()), "public data is in the clear for list");
  }

  @Test
  void importsAPrivateJwkAndExportsPublicAndPrivateJwks() throws Exception {
    PrivateKey key = PrivateKey.generate(KeyType.P256, random);
    Identity id = Identities.fromPrivateJwk("imported", Jwk.parse(key.exportJwk().toJson()), CLOCK);
    store().create(id, pass());
    Identity loaded = store().load("imported", pass());
    assertEquals("did:key:" + key.publicKey().toMultibase(), loaded.did().toString());
    assertEquals(List.of(key.publicKey().toJwk()),
        store().summary("imported").publicKeys().stream().map(PublicKeyEntry::jwk).toList());
    assertEquals(key.exportJwk(), loaded.exportPrivateJwks().get(0).jwk());
    assertFalse(loaded.exportPrivateJwks().toString().contains(key.exportJwk().d()));
  }

  @Test
  void rejectsAWrongPassphraseWithItsOwnError() throws Exception {
    store().create(Identities.newDidKey("dave", KeyType.ED25519, random, CLOCK), pass());
    WrongPassphraseException e = assertThrows(WrongPassphraseException.class,
        () -> store().load("dave", Passphrase.of("wrong".toCharArray())));
    assertTrue(e.getMessage().contains("dave"));
  }

  @Test
  void refusesToOverwriteAnExistingIdentity() throws Exception {
    store().create(Identities.newDidKey("erin", KeyType.ED25519, random, CLOCK), pass());
    byte[] before = Files.readAllBytes(home.resolve("identities/erin.json"));
    assertThrows(IdentityExistsException.class, () -> store().create(
        Identities.newDidKey("erin", KeyType.ED25519, random, CLOCK), pass()));
    assertArrayEquals(before, Files.readAllBytes(home.resolve("identities/erin.json")));
  }

  @Test
  void rejectsInvalidNames() {
    for (String bad : new String[] {"", "Upper", "-dash", ".hidden", "a/b", "a".repeat(65), "sp ace"}) {
      assertThrows(InvalidIdentityNameException.class,
          () -> Identities.newDidKey(bad, KeyType.ED25519, random, CLOCK), bad);
    }
  }

  @Test
  void detectsAModifiedHeaderAsCorruptionNotAWrongPassphrase() throws Exception {
    store().create(Identities.newDidKey("frank", KeyType.ED25519, random, CLOCK), pass());
    Path file = home.resolve("identities/frank.json");
    String text = Files.readString(file);
    Files.writeString(file, text.replace("2025-01-02T03:04:05Z", "2024-01-02T03:04:05Z"));
    CorruptKeystoreException e = assertThrows(CorruptKeystoreException.class,
        () -> store().load("frank", pass()));
    assertTrue(e.getMessage().contains("fail authentication"), e.getMessage());
  }

  @Test
  void detectsEveryTruncationAsCorruptionAndLeavesTheFileAlone() throws Exception {
    store().create(Identities.newDidKey("gina", KeyType.ED25519, random, CLOCK), pass());
    Path file = home.resolve("identities/gina.json");
    byte[] full = Files.readAllBytes(file);
    int checked = 0;
    for (int len = 0; len < full.length; len += 7) {
      byte[] cut = java.util.Arrays.copyOf(full, len);
      Files.write(file, cut);
      assertThrows(CorruptKeystoreException.class, () -> store().load("gina", pass()), "length " + len);
      assertArrayEquals(cut, Files.readAllBytes(file));
      checked++;
    }
    assertTrue(checked > 40);
  }

  @Test
  void reportsAFileFromANewerFormatVersion() throws Exception {
    store().create(Identities.newDidKey("hugo", KeyType.ED25519, random, CLOCK), pass());
    Path file = home.resolve("identities/hugo.json");
    Files.writeString(file, Files.readString(file).replace("\"version\":1", "\"version\":2"));
    UnsupportedKeystoreVersionException e = assertThrows(UnsupportedKeystoreVersionException.class,
        () -> store().load("hugo", pass()));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    assertThrows(UnsupportedKeystoreVersionException.class, () -> store().list());
  }

  @Test
  void twoProcessesWritingAtOnceBothSucceedAndTheContestedNameGoesToExactlyOne() throws Exception {
    Process child = startChild("child", 8);
    Process contender = startChild("contested", 1);
    Keystore store = store();
    for (int i = 0; i < 8; i++) {
      store.create(Identities.newDidKey("parent-" + i, KeyType.ED25519, random, CLOCK), pass());
    }
    boolean parentGotContested;
    try {
      store.create(Identities.newDidKey("contested", KeyType.ED25519, random, CLOCK), pass());
      parentGotContested = true;
    } catch (IdentityExistsException e) {
      parentGotContested = false;
    }
    List<String> childOut = finish(child);
    List<String> contenderOut = finish(contender);
    assertEquals(8, childOut.stream().filter(l -> l.startsWith("created child-")).count(), childOut.toString());
    assertEquals(List.of(parentGotContested ? "exists contested" : "created contested"), contenderOut);
    List<IdentitySummary> all = store.list();
    assertEquals(17, all.size());
    for (IdentitySummary s : all) {
      assertEquals(s.did(), store.load(s.name(), pass()).did());
    }
  }

  @Test
  void aWriterKilledMidWriteLeavesALoadableStore() throws Exception {
    Process child = startChild("killed", 0);
    Path dir = home.resolve("identities");
    BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (int created = 0; created < 5; ) {
      String line = out.readLine();
      assertTrue(line != null, "child exited before writing five identities");
      if (line.startsWith("created ")) {
        created++;
      }
    }
    child.destroyForcibly();
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    Keystore store = store();
    List<IdentitySummary> all = store.list();
    assertTrue(all.size() >= 5);
    for (IdentitySummary s : all) {
      assertEquals(s.did(), store.load(s.name(), pass()).did(), s.name());
    }
    store.create(Identities.newDidKey("after-kill", KeyType.ED25519, random, CLOCK), pass());
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")),
          "stale temporaries are removed by the next writer");
    }
  }

  private Process startChild(String prefix, int count) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        KeystoreChild.class.getName(), home.toString(), prefix, Integer.toString(count))
        .redirectErrorStream(true)
        .start();
  }

  private static List<String> finish(Process p) throws Exception {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
      }
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), lines.toString());
    return lines;
  }
}
