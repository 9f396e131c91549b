package dev.coffer.server.core.lease;

import dev.coffer.spi.StorageBackend;
import dev.coffer.spi.testkit.ForwardingStorageBackend;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real storage backend that counts its transactions and, when asked, fails the next ones after
 * their work ran (so they roll back), as a storage outage at commit would.
 */
final class CountingStorageBackend extends ForwardingStorageBackend {
  private final AtomicInteger transactions = new AtomicInteger();
  private final AtomicInteger failing = new AtomicInteger();

  CountingStorageBackend(StorageBackend delegate) {
    super(delegate);
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
  public <T> T transaction(Function<StorageBackend, T> work) {
    transactions.incrementAndGet();
    return super.transaction(
        tx -> {
          T result = work.apply(tx);
          if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("storage unavailable");
          }
          return result;
        });
  }
}
