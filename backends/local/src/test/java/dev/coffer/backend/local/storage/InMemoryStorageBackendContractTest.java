package dev.coffer.backend.local.storage;

import dev.coffer.spi.StorageBackend;
import dev.coffer.spi.testkit.StorageBackendContract;

class InMemoryStorageBackendContractTest extends StorageBackendContract {
  @Override
  protected StorageBackend newBackend() {
    return new InMemoryStorageBackendFactory().create(java.util.Map.of());
  }
}
