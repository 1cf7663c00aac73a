package dev.parley.did.keystore;

import dev.parley.did.crypto.KeyType;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Second process for the keystore concurrency and crash tests. Usage:
 * {@code KeystoreChild <home> <prefix> <count>} creates identities prefix-0 .. prefix-(count-1)
 * (count 0 = forever) and prints "created NAME" or "exists NAME" for each.
 */
public final class KeystoreChild {

  public static void main(String[] args) throws Exception {
    Keystore store = new Keystore(Path.of(args[0]), KdfParameters.TEST_ONLY_WEAK,
        new SecureRandom(), Duration.ofSeconds(60));
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    SecureRandom random = new SecureRandom();
    for (int i = 0; count == 0 || i < count; i++) {
      String name = count == 1 ? prefix : prefix + "-" + i;
      Identity id = Identities.newDidKey(name, KeyType.ED25519, random, Clock.systemUTC());
      try (Passphrase p = Passphrase.of(KeystoreTest.PASSPHRASE.toCharArray())) {
        store.create(id, p);
        System.out.println("created " + name);
      } catch (IdentityExistsException e) {
        System.out.println("exists " + name);
      }
      System.out.flush();
    }
  }

  private KeystoreChild() {}
}
