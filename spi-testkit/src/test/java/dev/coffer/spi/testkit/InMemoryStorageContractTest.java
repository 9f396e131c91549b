package dev.coffer.spi.testkit;

import dev.coffer.spi.StorageBackend;

/** The contract suite, run against {@link InMemoryStorage}: checks both of them. */
class InMemoryStorageContractTest extends StorageBackendContract {
  @Override
  protected StorageBackend newBackend() {
    return new StorageAsBackend(new InMemoryStorage());
  }
}
