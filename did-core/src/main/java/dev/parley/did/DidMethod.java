package dev.parley.did;

/**
 * A DID method driver: the SPI a {@link DidResolver} dispatches to by method name.
 *
 * <p>Implementations must be thread-safe and must bound the work they do for one DID (the
 * resolver already caps the DID's length at {@link Did#MAX_LENGTH}). Drivers found through
 * {@link java.util.ServiceLoader} need a public no-argument constructor.
 */
public interface DidMethod {

  /** The method name, e.g. {@code key} for {@code did:key:...}. */
  String name();

  /** Builds the DID document of {@code did}, whose method is {@link #name()}. */
  DidDocument resolve(Did did) throws DidException;
}
