package dev.coffer.server.core.barrier;

import dev.coffer.spi.Storage;
import dev.coffer.spi.StorageBackend;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * An encrypted {@link Storage} over the keys under one prefix, e.g. {@code logical/<uuid>/} for a
 * mount. Keys given to it are relative to the prefix, so its user can reach nothing outside.
 * Transactions use the backend's when it has them; otherwise transactions on this view are
 * serialised by a lock (they are then isolated from each other but not atomic).
 */
public final class BarrierStorage implements Storage {
  private final Barrier barrier;
  private final StorageBackend backend;
  private final String prefix;
  private final ReentrantLock lock;

  BarrierStorage(Barrier barrier, StorageBackend backend, String prefix) {
    this(barrier, backend, prefix, new ReentrantLock());
  }

  private BarrierStorage(
      Barrier barrier, StorageBackend backend, String prefix, ReentrantLock lock) {
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must end with /");
    }
    this.barrier = barrier;
    this.backend = backend;
    this.prefix = prefix;
    this.lock = lock;
  }

  /** The prefix this view adds to every key. */
  public String prefix() {
    return prefix;
  }

  @Override
  public Optional<byte[]> get(String key) {
    String full = full(key);
    return backend.get(full).map(ct -> barrier.decrypt(full, ct));
  }

  @Override
  public void put(String key, byte[] value) {
    String full = full(key);
    backend.put(full, barrier.encrypt(full, value));
  }

  @Override
  public void delete(String key) {
    backend.delete(full(key));
  }

  @Override
  public List<String> list(String listPrefix) {
    return backend.list(prefix + checkListPrefix(listPrefix));
  }

  @Override
  public List<String> listPage(String listPrefix, String after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return backend.listPage(prefix + checkListPrefix(listPrefix), after, limit);
  }

  private static String checkListPrefix(String listPrefix) {
    if (!listPrefix.isEmpty() && !listPrefix.endsWith("/")) {
      throw new IllegalArgumentException("list prefix must be empty or end with /");
    }
    if (listPrefix.startsWith("/")) {
      throw new IllegalArgumentException("list prefix must not start with /");
    }
    return listPrefix;
  }

  @Override
  public <T> T transaction(Function<Storage, T> work) {
    if (backend.transactional()) {
      return backend.transaction(tx -> work.apply(new BarrierStorage(barrier, tx, prefix, lock)));
    }
    lock.lock();
    try {
      return work.apply(this);
    } finally {
      lock.unlock();
    }
  }

  /** Deletes every key under this view's prefix (when a mount is disabled). */
  public void deleteAll() {
    deleteUnder("");
  }

  private void deleteUnder(String relative) {
    for (String child : backend.list(prefix + relative)) {
      if (child.endsWith("/")) {
        deleteUnder(relative + child);
      } else {
        backend.delete(prefix + relative + child);
      }
    }
  }

  private String full(String key) {
    if (key == null || key.isEmpty() || key.startsWith("/")) {
      throw new IllegalArgumentException("storage keys are non-empty and do not start with /");
    }
    return prefix + key;
  }

  @Override
  public String toString() {
    return "BarrierStorage[" + prefix + "]";
  }
}
