package dev.coffer.server.core;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.StorageBackend;
import dev.coffer.spi.testkit.ForwardingStorageBackend;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A real storage backend that records the durable writes made on one thread: each top-level {@code
 * put}, {@code delete} and {@code transaction} is one wait for a commit. Writes inside a
 * transaction are recorded as part of it. When asked, it fails the puts inside transactions whose
 * keys match, as a storage error half-way through a request would.
 */
final class WriteRecordingBackend extends ForwardingStorageBackend {
  private final List<String> durableWrites = new CopyOnWriteArrayList<>();
  private final List<String> keysWrittenInTransactions = new CopyOnWriteArrayList<>();
  private volatile Thread watched;
  private volatile Predicate<String> failingPuts = key -> false;

  WriteRecordingBackend(StorageBackend delegate) {
    super(delegate);
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
  public void put(String key, byte[] value) {
    if (watching()) {
      durableWrites.add("put " + key);
    }
    super.put(key, value);
  }

  @Override
  public void delete(String key) {
    if (watching()) {
      durableWrites.add("delete " + key);
    }
    super.delete(key);
  }

  @Override
  public <T> T transaction(Function<StorageBackend, T> work) {
    boolean recorded = watching();
    if (recorded) {
      durableWrites.add("tx");
    }
    return super.transaction(tx -> work.apply(new Inside(tx, recorded)));
  }

  /** The view a transaction's work gets: records its writes, fails the chosen puts. */
  private final class Inside extends ForwardingStorageBackend {
    private final boolean recorded;

    Inside(StorageBackend tx, boolean recorded) {
      super(tx);
      this.recorded = recorded;
    }

    @Override
    public void put(String key, byte[] value) {
      if (failingPuts.test(key)) {
        throw new CofferException(ErrorCode.INTERNAL, "storage error: write failed");
      }
      if (recorded) {
        keysWrittenInTransactions.add(key);
      }
      super.put(key, value);
    }

    @Override
    public void delete(String key) {
      if (recorded) {
        keysWrittenInTransactions.add(key);
      }
      super.delete(key);
    }
  }
}
