package dev.parley.did.keystore;

/**
 * Argon2id cost parameters, recorded in every keystore file so files stay readable when the
 * defaults change. Bounds keep a hostile file from demanding unbounded memory or time.
 *
 * @param memoryKib memory in KiB (8 * parallelism .. 1 GiB)
 * @param iterations passes over memory (1..16)
 * @param parallelism lanes (1..8)
 */
public record KdfParameters(int memoryKib, int iterations, int parallelism) {

  /** m=64 MiB, t=3, p=1: measured at well under a second on the project machine. */
  public static final KdfParameters DEFAULT = new KdfParameters(64 * 1024, 3, 1);

  /** Deliberately weak parameters for tests only; never for real keys. */
  public static final KdfParameters TEST_ONLY_WEAK = new KdfParameters(64, 1, 1);

  public static final int MAX_MEMORY_KIB = 1024 * 1024;

  public KdfParameters {
    if (parallelism < 1 || parallelism > 8) {
      throw new IllegalArgumentException("Argon2 parallelism must be 1..8, got " + parallelism);
    }
    if (iterations < 1 || iterations > 16) {
      throw new IllegalArgumentException("Argon2 iterations must be 1..16, got " + iterations);
    }
    if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("Argon2 memory must be " + (8 * parallelism) + ".."
          + MAX_MEMORY_KIB + " KiB, got " + memoryKib);
    }
  }
}
