package dev.coffer.server.core.lease;

import dev.coffer.spi.StorageBackend;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real storage backend that counts its transactions and, when asked, fails the next ones after
 * their work ran (so they roll back), as a storage outage at commit would.
 */
final class CountingStorageBackend implements StorageBackend {
  private final StorageBackend delegate;
  private final AtomicInteger transactions = new AtomicInteger();
  private final AtomicInteger failing = new AtomicInteger();

  CountingStorageBackend(StorageBackend delegate) {
    this.delegate = delegate;
  }

  /** Transactions run so far (committed or not). */
  int transactions() {
    return transactions.get();
  }

  /** Makes the next {@code n} transactions fail at the end of their work. */
  void failNextTransactions(int n) {
    failing.set(n);
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
    transactions.incrementAndGet();
    return delegate.transaction(
        tx -> {
          T result = work.apply(tx);
          if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("storage unavailable");
          }
          return result;
        });
  }

  @Override
  public void close() {
    delegate.close();
  }
}
