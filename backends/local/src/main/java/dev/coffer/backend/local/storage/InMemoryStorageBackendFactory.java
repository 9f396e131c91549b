package dev.coffer.backend.local.storage;

import dev.coffer.spi.ConfigMap;
import dev.coffer.spi.StorageBackend;
import dev.coffer.spi.StorageBackendFactory;
import java.util.Map;
import java.util.Set;

/** The {@code inmem} storage type: no configuration, nothing survives a restart. */
public final class InMemoryStorageBackendFactory implements StorageBackendFactory {
  /** The type name used in configuration. */
  public static final String TYPE = "inmem";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StorageBackend create(Map<String, String> config) {
    ConfigMap.of("storage", config, Set.of());
    return new InMemoryStorageBackend();
  }
}
