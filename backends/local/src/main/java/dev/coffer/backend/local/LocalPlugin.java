package dev.coffer.backend.local;

import dev.coffer.backend.local.kv.KvEngineFactory;
import dev.coffer.backend.local.storage.InMemoryStorageBackendFactory;
import dev.coffer.backend.local.storage.SqliteStorageBackendFactory;
import dev.coffer.spi.Plugin;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.StorageBackendFactory;
import java.util.List;

/** What Coffer keeps itself: SQLite and in-memory storage, and the {@code kv} engine. */
public final class LocalPlugin implements Plugin {
  @Override
  public String name() {
    return "local";
  }

  @Override
  public List<StorageBackendFactory> storageBackends() {
    return List.of(new SqliteStorageBackendFactory(), new InMemoryStorageBackendFactory());
  }

  @Override
  public List<SecretsEngineFactory> secretsEngines() {
    return List.of(new KvEngineFactory());
  }
}
