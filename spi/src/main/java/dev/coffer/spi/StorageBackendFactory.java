package dev.coffer.spi;

import java.util.Map;
import java.util.Set;

/** Creates a {@link StorageBackend} of one type from the {@code storage} configuration. */
public interface StorageBackendFactory {

  /** The type name used in configuration, e.g. {@code sqlite}. */
  String type();

  /**
   * Creates the backend. Fails fast, with a message naming the key, on a missing, unknown or
   * invalid configuration key. Never returns {@code null}.
   *
   * @param config the storage section without {@code type}
   * @throws IllegalArgumentException for bad configuration
   */
  StorageBackend create(Map<String, String> config);

  /** Configuration keys whose values are secret and must never be logged. */
  default Set<String> sensitiveKeys() {
    return Set.of();
  }
}
