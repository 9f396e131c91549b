package dev.coffer.server.core;

import dev.coffer.spi.AuditSinkFactory;
import dev.coffer.spi.Plugin;
import dev.coffer.spi.SealFactory;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.StorageBackendFactory;
import java.util.List;
import java.util.Optional;

/**
 * Every factory the loaded plugins provide, by type name. SKELETON: the public API is fixed; the
 * implementation is being written.
 */
public final class PluginRegistry {

  /**
   * Finds every {@link Plugin} visible to {@code loader} with {@link java.util.ServiceLoader}.
   *
   * @throws IllegalStateException naming both plugins when two provide the same type of the same
   *     kind
   */
  public static PluginRegistry load(ClassLoader loader) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The loaded plugins. */
  public List<Plugin> plugins() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The storage factory of this type.
   *
   * @throws IllegalArgumentException "unknown storage type 'x' (available: a, b)"
   */
  public StorageBackendFactory storageBackend(String type) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The seal factory of this type.
   *
   * @throws IllegalArgumentException "unknown seal type 'x' (available: a, b)"
   */
  public SealFactory seal(String type) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The secrets engine factory of this type, if a plugin provides one. */
  public Optional<SecretsEngineFactory> secretsEngine(String type) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The audit sink factory of this type, if a plugin provides one. */
  public Optional<AuditSinkFactory> auditSink(String type) {
    throw new UnsupportedOperationException("not yet");
  }
}
