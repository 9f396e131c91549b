package dev.coffer.server.core;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.StorageBackend;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A real storage backend that records the durable writes made on one thread: each top-level {@code
 * put}, {@code delete} and {@code transaction} is one wait for a commit. Writes inside a
 * transaction are recorded as part of it. When asked, it fails the puts inside transactions whose
 * keys match, as a storage error half-way through a request would.
 */
final class WriteRecordingBackend implements StorageBackend {
  private final StorageBackend delegate;
  private final List<String> durableWrites = new CopyOnWriteArrayList<>();
  private final List<String> keysWrittenInTransactions = new CopyOnWriteArrayList<>();
  private volatile Thread watched;
  private volatile Predicate<String> failingPuts = key -> false;

  WriteRecordingBackend(StorageBackend delegate) {
    this.delegate = delegate;
  }

  /** Starts recording the writes of the calling thread, forgetting earlier ones. */
  void watchThisThread() {
    durableWrites.clear();
    keysWrittenInTransactions.clear();
    watched = Thread.currentThread();
  }

  /** The durable writes recorded: {@code "put <key>"}, {@code "delete <key>"}, {@code "tx"}. */
  List<String> durableWrites() {
    return List.copyOf(durableWrites);
  }

  /** The keys put or deleted inside the recorded transactions. */
  List<String> keysWrittenInTransactions() {
    return List.copyOf(keysWrittenInTransactions);
  }

  /** Makes every later put inside a transaction fail when its key matches {@code keys}. */
  void failPutsInTransactions(Predicate<String> keys) {
    failingPuts = keys;
  }

  private boolean watching() {
    return Thread.currentThread() == watched;
  }

  @Override
  public Optional<byte[]> get(String key) {
    return delegate.get(key);
  }

  @Override
  public void put(String key, byte[] value) {
    if (watching()) {
      durableWrites.add("put " + key);
    }
    delegate.put(key, value);
  }

  @Override
  public void delete(String key) {
    if (watching()) {
      durableWrites.add("delete " + key);
    }
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
    boolean recorded = watching();
    if (recorded) {
      durableWrites.add("tx");
    }
    return delegate.transaction(tx -> work.apply(new Inside(tx, recorded)));
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** The view a transaction's work gets: records its writes, fails the chosen puts. */
  private final class Inside implements StorageBackend {
    private final StorageBackend tx;
    private final boolean recorded;

    Inside(StorageBackend tx, boolean recorded) {
      this.tx = tx;
      this.recorded = recorded;
    }

    @Override
    public Optional<byte[]> get(String key) {
      return tx.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
      if (failingPuts.test(key)) {
        throw new CofferException(ErrorCode.INTERNAL, "storage error: write failed");
      }
      if (recorded) {
        keysWrittenInTransactions.add(key);
      }
      tx.put(key, value);
    }

    @Override
    public void delete(String key) {
      if (recorded) {
        keysWrittenInTransactions.add(key);
      }
      tx.delete(key);
    }

    @Override
    public List<String> list(String prefix) {
      return tx.list(prefix);
    }

    @Override
    public List<String> listPage(String prefix, String after, int limit) {
      return tx.listPage(prefix, after, limit);
    }

    @Override
    public boolean transactional() {
      return true;
    }

    @Override
    public <T> T transaction(Function<StorageBackend, T> work) {
      return work.apply(this);
    }

    @Override
    public void close() {}
  }
}
