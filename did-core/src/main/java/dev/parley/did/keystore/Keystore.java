package dev.parley.did.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.did.Did;
import dev.parley.did.DidException;
import dev.parley.did.crypto.Jwk;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.crypto.PublicKey;
import dev.parley.did.internal.Base64Url;
import dev.parley.did.internal.StrictJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Named identities stored under {@code <home>/identities/<name>.json}, one file each.
 *
 * <p>File format (version {@value #FORMAT_VERSION}): line 1 is a JSON header in the clear (name,
 * DID, key type, creation time, public JWKs, Argon2id parameters and salt, AES-GCM nonce and a
 * passphrase check value); line 2 is the base64url AES-256-GCM ciphertext of the private JWKs
 * with the exact header bytes as additional data, so any change to the header fails
 * decryption. Argon2id output is split: 32 bytes AES key, 16 bytes check value. The check value
 * lets a wrong passphrase be told apart from a damaged file; it gives an attacker nothing the
 * ciphertext would not (each guess still costs one Argon2id run).
 *
 * <p>Durability: files are written to a temporary file in the same directory (mode 0600),
 * fsynced, renamed atomically over nothing (creation never replaces an existing identity) and
 * the directory is fsynced, so a crash leaves either the old or the new state. Writers take an
 * exclusive file lock ({@code identities/.lock}) and an in-process lock; readers need neither
 * because a rename is atomic. Thread-safe; safe to use from several processes at once.
 */
public final class Keystore {

  public static final int FORMAT_VERSION = 1;
  static final String FORMAT = "parley-identity";
  static final int MAX_FILE_BYTES = 256 * 1024;
  private static final int SALT_BYTES = 16;
  private static final int NONCE_BYTES = 12;
  private static final int CHECK_BYTES = 16;
  private static final String SUFFIX = ".json";
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path dir;
  private final KdfParameters kdf;
  private final SecureRandom random;
  private final Duration lockWait;

  /**
   * @param home the Parley home directory (PARLEY_HOME, default {@code ~/.parley}); created 0700
   *     on first write
   * @param kdf Argon2id cost for new files ({@link KdfParameters#DEFAULT} outside tests)
   * @param random source of salts and nonces
   * @param lockWait how long a writer waits for another process's lock before giving up
   */
  public Keystore(Path home, KdfParameters kdf, SecureRandom random, Duration lockWait) {
    this.dir = home.resolve("identities").toAbsolutePath().normalize();
    this.kdf = kdf;
    this.random = random;
    this.lockWait = lockWait;
  }

  /** A keystore with default Argon2id cost, a strong RNG and a 10 s lock wait. */
  public static Keystore open(Path home) {
    return new Keystore(home, KdfParameters.DEFAULT, new SecureRandom(), Duration.ofSeconds(10));
  }

  /** The directory holding the identity files. */
  public Path directory() {
    return dir;
  }

  /**
   * Stores a new identity encrypted under {@code passphrase}.
   *
   * @throws IdentityExistsException if the name is taken (the existing file is not touched)
   */
  public void create(Identity identity, Passphrase passphrase) throws KeystoreException {
    IdentityNames.check(identity.name());
    byte[] content = seal(identity, passphrase);
    Path target = file(identity.name());
    locked(() -> {
      if (Files.exists(target)) {
        throw new IdentityExistsException("identity \"" + identity.name()
            + "\" already exists; delete it first or choose another name");
      }
      writeAtomically(target, content);
      return null;
    });
  }

  /** Names, DIDs and public keys of every identity, sorted by name; no passphrase needed. */
  public List<IdentitySummary> list() throws KeystoreException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<IdentitySummary> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path f : files) {
        String fileName = f.getFileName().toString();
        if (!fileName.startsWith(".")) {
          out.add(readHeader(fileName.substring(0, fileName.length() - SUFFIX.length())).summary);
        }
      }
    } catch (IOException e) {
      throw new KeystoreIoException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(IdentitySummary::name));
    return List.copyOf(out);
  }

  /** The public part of one identity; no passphrase needed. */
  public IdentitySummary summary(String name) throws KeystoreException {
    IdentityNames.check(name);
    return readHeader(name).summary;
  }

  /** Decrypts and returns an identity with its private keys. */
  public Identity load(String name, Passphrase passphrase) throws KeystoreException {
    IdentityNames.check(name);
    Header h = readHeader(name);
    byte[] derived = derive(passphrase, h.kdf, h.salt);
    try {
      byte[] check = Arrays.copyOfRange(derived, 32, 32 + CHECK_BYTES);
      if (!MessageDigest.isEqual(check, h.check)) {
        throw new WrongPassphraseException("wrong passphrase for identity \"" + name + "\"");
      }
      byte[] plaintext;
      try {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derived, 0, 32, "AES"),
            new GCMParameterSpec(128, h.nonce));
        gcm.updateAAD(h.headerBytes);
        plaintext = gcm.doFinal(h.ciphertext);
      } catch (AEADBadTagException e) {
        throw corrupt(name, "its encrypted keys fail authentication (file or header was modified"
            + " or truncated)", e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-256-GCM is required of every Java platform", e);
      }
      try {
        return openPlaintext(name, h, plaintext);
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  /** Removes an identity file. */
  public void delete(String name) throws KeystoreException {
    IdentityNames.check(name);
    Path target = file(name);
    locked(() -> {
      try {
        Files.delete(target);
      } catch (NoSuchFileException e) {
        throw new IdentityNotFoundException("no identity named \"" + name + "\" in " + dir);
      }
      fsyncDirectory();
      return null;
    });
  }

  // ---- sealing -----------------------------------------------------------------------------

  private byte[] seal(Identity identity, Passphrase passphrase) {
    byte[] salt = new byte[SALT_BYTES];
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(salt);
    random.nextBytes(nonce);
    byte[] derived = derive(passphrase, kdf, salt);
    ObjectNode header = StrictJson.MAPPER.createObjectNode();
    header.put("format", FORMAT);
    header.put("version", FORMAT_VERSION);
    header.put("name", identity.name());
    header.put("did", identity.did().toString());
    header.put("keyType", identity.keyType().name());
    header.put("created", identity.created().toString());
    ArrayNode pubs = header.putArray("publicKeys");
    for (PublicKeyEntry e : identity.publicJwks()) {
      ObjectNode p = pubs.addObject();
      p.put("id", e.id());
      p.set("jwk", e.jwk().toJsonNode());
    }
    ObjectNode k = header.putObject("kdf");
    k.put("alg", "argon2id");
    k.put("m", kdf.memoryKib());
    k.put("t", kdf.iterations());
    k.put("p", kdf.parallelism());
    k.put("salt", Base64Url.encode(salt));
    ObjectNode a = header.putObject("aead");
    a.put("alg", "A256GCM");
    a.put("nonce", Base64Url.encode(nonce));
    header.put("check", Base64Url.encode(Arrays.copyOfRange(derived, 32, 32 + CHECK_BYTES)));
    byte[] headerBytes = StrictJson.write(header).getBytes(StandardCharsets.UTF_8);

    ObjectNode secret = StrictJson.MAPPER.createObjectNode();
    ArrayNode keys = secret.putArray("keys");
    for (StoredKey sk : identity.keys()) {
      ObjectNode e = keys.addObject();
      e.put("id", sk.id());
      e.set("jwk", sk.key().exportJwk().toJsonNode());
    }
    byte[] plaintext = StrictJson.write(secret).getBytes(StandardCharsets.UTF_8);
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, 0, 32, "AES"),
          new GCMParameterSpec(128, nonce));
      gcm.updateAAD(headerBytes);
      byte[] ciphertext = gcm.doFinal(plaintext);
      String body = Base64Url.encode(ciphertext);
      byte[] bodyBytes = body.getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[headerBytes.length + 1 + bodyBytes.length + 1];
      System.arraycopy(headerBytes, 0, out, 0, headerBytes.length);
      out[headerBytes.length] = '\n';
      System.arraycopy(bodyBytes, 0, out, headerBytes.length + 1, bodyBytes.length);
      out[out.length - 1] = '\n';
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is required of every Java platform", e);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
      Arrays.fill(derived, (byte) 0);
    }
  }

  private static byte[] derive(Passphrase passphrase, KdfParameters params, byte[] salt) {
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(params.memoryKib())
        .withIterations(params.iterations())
        .withParallelism(params.parallelism())
        .withSalt(salt)
        .build());
    byte[] out = new byte[32 + CHECK_BYTES];
    gen.generateBytes(passphrase.chars(), out);
    return out;
  }

  // ---- reading -----------------------------------------------------------------------------

  private record Header(IdentitySummary summary, KdfParameters kdf, byte[] salt, byte[] nonce,
      byte[] check, byte[] headerBytes, byte[] ciphertext) {}

  private Header readHeader(String name) throws KeystoreException {
    Path f = file(name);
    byte[] bytes;
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > MAX_FILE_BYTES) {
        throw corrupt(name, "it is " + size + " bytes, over the " + MAX_FILE_BYTES + " byte limit",
            null);
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read fully
      }
      bytes = Arrays.copyOf(buf.array(), buf.position());
    } catch (NoSuchFileException e) {
      throw new IdentityNotFoundException("no identity named \"" + name + "\" in " + dir);
    } catch (IOException e) {
      throw new KeystoreIoException("cannot read " + f + ": " + e.getMessage(), e);
    }
    int newline = indexOf(bytes, (byte) '\n', 0);
    if (newline < 0) {
      throw corrupt(name, "it has no line break after the header (truncated?)", null);
    }
    byte[] headerBytes = Arrays.copyOf(bytes, newline);
    int end = indexOf(bytes, (byte) '\n', newline + 1);
    if (end != bytes.length - 1) {
      throw corrupt(name, "it does not end with exactly one ciphertext line (truncated?)", null);
    }
    JsonNode header;
    try {
      header = StrictJson.parse(new String(headerBytes, StandardCharsets.UTF_8), MAX_FILE_BYTES,
          "keystore header");
    } catch (DidException e) {
      throw corrupt(name, "its header is not valid JSON (" + e.getMessage() + ")", e);
    }
    if (!header.isObject() || !FORMAT.equals(header.path("format").asText(null))) {
      throw corrupt(name, "it is not a " + FORMAT + " file", null);
    }
    JsonNode version = header.get("version");
    if (version == null || !version.isInt() || version.intValue() < 1) {
      throw corrupt(name, "its header has no valid \"version\"", null);
    }
    if (version.intValue() > FORMAT_VERSION) {
      throw new UnsupportedKeystoreVersionException("identity \"" + name + "\" was written in "
          + "keystore format version " + version.intValue() + "; this Parley reads up to version "
          + FORMAT_VERSION + ". Upgrade Parley to use it (the file was left unchanged)");
    }
    try {
      if (!name.equals(text(header, "name"))) {
        throw corrupt(name, "its header names a different identity (\"" + text(header, "name")
            + "\"); was the file renamed?", null);
      }
      Did did = Did.parse(text(header, "did"));
      KeyType keyType = KeyType.valueOf(text(header, "keyType"));
      Instant created = Instant.parse(text(header, "created"));
      List<PublicKeyEntry> pubs = new ArrayList<>();
      JsonNode pubNode = header.get("publicKeys");
      if (pubNode == null || !pubNode.isArray() || pubNode.isEmpty() || pubNode.size() > 16) {
        throw corrupt(name, "its header has no valid \"publicKeys\" list", null);
      }
      for (JsonNode p : pubNode) {
        Jwk jwk = Jwk.fromJson(p.path("jwk"));
        PublicKey.fromJwk(jwk);
        pubs.add(new PublicKeyEntry(text(p, "id"), jwk));
      }
      JsonNode k = header.path("kdf");
      if (!"argon2id".equals(k.path("alg").asText(null))) {
        throw corrupt(name, "its key derivation is not argon2id", null);
      }
      KdfParameters params = new KdfParameters(integer(k, "m"), integer(k, "t"), integer(k, "p"));
      byte[] salt = Base64Url.decode(text(k, "salt"), "kdf salt");
      JsonNode a = header.path("aead");
      if (!"A256GCM".equals(a.path("alg").asText(null))) {
        throw corrupt(name, "its cipher is not A256GCM", null);
      }
      byte[] nonce = Base64Url.decode(text(a, "nonce"), "nonce");
      byte[] check = Base64Url.decode(text(header, "check"), "check value");
      if (salt.length < SALT_BYTES || nonce.length != NONCE_BYTES || check.length != CHECK_BYTES) {
        throw corrupt(name, "its salt, nonce or check value has the wrong length", null);
      }
      byte[] ciphertext = Base64Url.decode(
          new String(bytes, newline + 1, end - newline - 1, StandardCharsets.US_ASCII), "ciphertext");
      if (ciphertext.length < 16) {
        throw corrupt(name, "its ciphertext is shorter than the GCM tag (truncated)", null);
      }
      return new Header(new IdentitySummary(name, did, keyType, created, pubs), params, salt,
          nonce, check, headerBytes, ciphertext);
    } catch (DidException | IllegalArgumentException | DateTimeParseException e) {
      throw corrupt(name, "its header is invalid: " + e.getMessage(), e);
    }
  }

  private Identity openPlaintext(String name, Header h, byte[] plaintext)
      throws CorruptKeystoreException {
    try {
      JsonNode secret = StrictJson.parse(new String(plaintext, StandardCharsets.UTF_8),
          MAX_FILE_BYTES, "decrypted keys");
      List<StoredKey> keys = new ArrayList<>();
      for (JsonNode e : secret.path("keys")) {
        keys.add(new StoredKey(text(e, "id"), PrivateKey.fromJwk(Jwk.fromJson(e.path("jwk")))));
      }
      Identity identity = new Identity(name, h.summary.did(), h.summary.keyType(),
          h.summary.created(), keys);
      if (!identity.publicJwks().equals(h.summary.publicKeys())) {
        throw corrupt(name, "its private keys do not match the public keys in its header", null);
      }
      return identity;
    } catch (DidException | IllegalArgumentException e) {
      throw corrupt(name, "its decrypted keys are invalid: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("missing string \"" + field + "\"");
    }
    return v.textValue();
  }

  private static int integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isInt()) {
      throw new IllegalArgumentException("missing integer \"" + field + "\"");
    }
    return v.intValue();
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private CorruptKeystoreException corrupt(String name, String why, Throwable cause) {
    return new CorruptKeystoreException("identity file " + file(name) + " is damaged: " + why
        + ". It was left unchanged; restore it from a backup or delete it", cause);
  }

  // ---- files and locking -------------------------------------------------------------------

  private Path file(String name) {
    return dir.resolve(name + SUFFIX);
  }

  @FunctionalInterface
  private interface LockedAction<T> {
    T run() throws KeystoreException, IOException;
  }

  private <T> T locked(LockedAction<T> action) throws KeystoreException {
    ensureDirectory();
    Path lockFile = dir.resolve(".lock");
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
    long deadline = System.nanoTime() + lockWait.toNanos();
    try {
      if (!jvmLock.tryLock(lockWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeystoreBusyException("interrupted while waiting for the keystore lock", e);
    }
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      FileLock lock;
      while ((lock = ch.tryLock()) == null) {
        if (System.nanoTime() > deadline) {
          throw busy();
        }
        Thread.sleep(5);
      }
      try {
        removeStaleTemporaries();
        return action.run();
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new KeystoreIoException("keystore write in " + dir + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeystoreBusyException("interrupted while waiting for the keystore lock", e);
    } finally {
      jvmLock.unlock();
    }
  }

  private KeystoreBusyException busy() {
    return new KeystoreBusyException("another process has held the keystore lock in " + dir
        + " for over " + lockWait.toMillis() + " ms; try again");
  }

  private void ensureDirectory() throws KeystoreIoException {
    try {
      Path home = dir.getParent();
      if (home != null && !Files.isDirectory(home)) {
        createPrivateDirectory(home);
      }
      if (!Files.isDirectory(dir)) {
        createPrivateDirectory(dir);
      }
    } catch (IOException e) {
      throw new KeystoreIoException("cannot create keystore directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void createPrivateDirectory(Path d) throws IOException {
    try {
      Files.createDirectories(d.getParent());
      Files.createDirectory(d,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      // created concurrently by another writer: fine
    }
  }

  /** Temporaries of writers killed mid-write; only deleted while holding the lock. */
  private void removeStaleTemporaries() throws IOException {
    try (DirectoryStream<Path> tmps = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path t : tmps) {
        Files.deleteIfExists(t);
      }
    }
  }

  private void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    fsyncDirectory();
  }

  private void fsyncDirectory() throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
