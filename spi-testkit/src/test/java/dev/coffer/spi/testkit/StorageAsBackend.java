package dev.coffer.spi.testkit;

import dev.coffer.spi.Storage;
import dev.coffer.spi.StorageBackend;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Presents a {@link Storage} as a {@link StorageBackend}, to run the contract on it. */
final class StorageAsBackend implements StorageBackend {
  private final Storage storage;

  StorageAsBackend(Storage storage) {
    this.storage = storage;
  }

  @Override
  public Optional<byte[]> get(String key) {
    return storage.get(key);
  }

  @Override
  public void put(String key, byte[] value) {
    storage.put(key, value);
  }

  @Override
  public void delete(String key) {
    storage.delete(key);
  }

  @Override
  public List<String> list(String prefix) {
    return storage.list(prefix);
  }

  @Override
  public boolean transactional() {
    return true;
  }

  @Override
  public <T> T transaction(Function<StorageBackend, T> work) {
    return storage.transaction(view -> work.apply(new StorageAsBackend(view)));
  }

  @Override
  public void close() {}
}
