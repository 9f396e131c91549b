package dev.coffer.server.core;

import dev.coffer.spi.Seal;
import dev.coffer.spi.StorageBackend;
import java.time.Clock;
import java.util.Map;

/**
 * The heart of the server: seal state, barrier, mounts, tokens and request routing. Knows nothing
 * of HTTP. SKELETON: the public API is fixed; the implementation is being written.
 */
public final class Core implements RequestHandler, AutoCloseable {

  /**
   * A sealed core over this storage and seal. Owns both: {@link #close()} closes them.
   *
   * @param storage where encrypted data lives
   * @param seal what protects the root key
   * @param plugins where engine types are found
   * @param clock the clock for every timestamp
   */
  public Core(StorageBackend storage, Seal seal, PluginRegistry plugins, Clock clock) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Unseals at once if the storage is initialised and the seal is an auto-unseal seal. */
  public void start() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Whether the storage has been initialised. */
  public boolean initialized() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Whether the core is sealed. */
  public boolean sealed() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Initialises the storage as {@code PUT sys/init} does; with an auto-unseal seal it is unsealed
   * afterwards.
   */
  public InitResult initialize(int secretShares, int secretThreshold) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Creates a root token with this exact id (dev mode's {@code --dev-root-token-id}). */
  public void createRootToken(String tokenId) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Enables an engine at {@code path} as {@code POST sys/mounts/:path} does. */
  public void enableMount(
      String path, String type, Map<String, String> options, String description) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public CoreResult handle(CoreRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Seals and closes the engines, the seal and the storage. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet");
  }
}
