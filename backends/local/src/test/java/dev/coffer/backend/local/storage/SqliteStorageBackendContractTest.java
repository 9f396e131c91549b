package dev.coffer.backend.local.storage;

import dev.coffer.spi.StorageBackend;
import dev.coffer.spi.testkit.StorageBackendContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class SqliteStorageBackendContractTest extends StorageBackendContract {
  @TempDir Path dir;

  @Override
  protected StorageBackend newBackend() {
    return new SqliteStorageBackendFactory()
        .create(Map.of("path", dir.resolve("data/coffer.db").toString()));
  }
}
