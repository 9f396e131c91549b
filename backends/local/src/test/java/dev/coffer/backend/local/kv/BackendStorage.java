package dev.coffer.backend.local.kv;

import dev.coffer.spi.Storage;
import dev.coffer.spi.StorageBackend;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A mount's {@link Storage} straight over a {@link StorageBackend}, without the barrier. */
record BackendStorage(StorageBackend backend) implements Storage {
  @Override
  public Optional<byte[]> get(String key) {
    return backend.get(key);
  }

  @Override
  public void put(String key, byte[] value) {
    backend.put(key, value);
  }

  @Override
  public void delete(String key) {
    backend.delete(key);
  }

  @Override
  public List<String> list(String prefix) {
    return backend.list(prefix);
  }

  @Override
  public <T> T transaction(Function<Storage, T> work) {
    return backend.transaction(tx -> work.apply(new BackendStorage(tx)));
  }
}
