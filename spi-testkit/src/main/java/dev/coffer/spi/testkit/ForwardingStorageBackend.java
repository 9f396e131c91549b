package dev.coffer.spi.testkit;

import dev.coffer.spi.StorageBackend;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A storage backend that forwards every call to another one. Tests extend it and override only the
 * calls they observe or break (count transactions, record writes, fail a put), so a real backend
 * stays underneath.
 */
public abstract class ForwardingStorageBackend implements StorageBackend {
  private final StorageBackend delegate;

  protected ForwardingStorageBackend(StorageBackend delegate) {
    this.delegate = delegate;
  }

  /** The backend every call goes to. */
  protected final StorageBackend delegate() {
    return delegate;
  }

  @Override
  public Optional<byte[]> get(String key) {
    return delegate.get(key);
  }

  @Override
  public void put(String key, byte[] value) {
    delegate.put(key, value);
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  @Override
  public List<String> list(String prefix) {
    return delegate.list(prefix);
  }

  @Override
  public List<String> listPage(String prefix, String after, int limit) {
    return delegate.listPage(prefix, after, limit);
  }

  @Override
  public boolean transactional() {
    return delegate.transactional();
  }

  @Override
  public <T> T transaction(Function<StorageBackend, T> work) {
    return delegate.transaction(work);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
