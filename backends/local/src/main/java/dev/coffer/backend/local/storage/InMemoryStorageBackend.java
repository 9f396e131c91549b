package dev.coffer.backend.local.storage;

import dev.coffer.spi.StorageBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Keeps everything in memory: for dev mode and tests. Data is gone when the process stops.
 * Transactions take an exclusive lock and undo their writes if the work throws.
 */
public final class InMemoryStorageBackend implements StorageBackend {
  private final ConcurrentSkipListMap<String, byte[]> data = new ConcurrentSkipListMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  @Override
  public Optional<byte[]> get(String key) {
    lock.readLock().lock();
    try {
      byte[] v = data.get(key);
      return v == null ? Optional.empty() : Optional.of(v.clone());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void put(String key, byte[] value) {
    lock.readLock().lock();
    try {
      data.put(key, value.clone());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void delete(String key) {
    lock.readLock().lock();
    try {
      data.remove(key);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<String> list(String prefix) {
    return listPage(prefix, "", Integer.MAX_VALUE);
  }

  @Override
  public List<String> listPage(String prefix, String after, int limit) {
    lock.readLock().lock();
    try {
      return children(data, prefix, after, limit);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public boolean transactional() {
    return true;
  }

  @Override
  public <T> T transaction(Function<StorageBackend, T> work) {
    lock.writeLock().lock();
    try {
      Map<String, byte[]> before = new java.util.HashMap<>();
      StorageBackend undoLogging = new UndoLog(this, before);
      try {
        return work.apply(undoLogging);
      } catch (RuntimeException | Error e) {
        for (Map.Entry<String, byte[]> u : before.entrySet()) {
          if (u.getValue() == null) {
            data.remove(u.getKey());
          } else {
            data.put(u.getKey(), u.getValue());
          }
        }
        throw e;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {}

  /**
   * The direct children of {@code prefix} in a sorted map that sort after {@code after}, at most
   * {@code limit}. Children come out of the map in sorted order, so the walk stops as soon as the
   * page is full, and jumps over each sub-folder's keys instead of visiting them.
   */
  static List<String> children(
      NavigableMap<String, byte[]> map, String prefix, String after, int limit) {
    List<String> page = new ArrayList<>();
    String from = after.isEmpty() ? prefix : prefix + skipPast(after);
    boolean inclusive = after.isEmpty() || after.endsWith("/");
    String key = inclusive ? map.ceilingKey(from) : map.higherKey(from);
    while (key != null && key.startsWith(prefix) && page.size() < limit) {
      String rest = key.substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        if (!rest.isEmpty()) {
          page.add(rest);
        }
        key = map.higherKey(key);
      } else {
        String folder = rest.substring(0, slash + 1);
        page.add(folder);
        key = map.ceilingKey(prefix + skipPast(folder));
      }
    }
    return page;
  }

  /** For a folder {@code "x/"}, the smallest string above all its keys ({@code "x0"}). */
  private static String skipPast(String child) {
    return child.endsWith("/") ? child.substring(0, child.length() - 1) + '0' : child;
  }

  /** A view used inside a transaction that remembers each key's value before its first write. */
  private static final class UndoLog implements StorageBackend {
    private final InMemoryStorageBackend owner;
    private final Map<String, byte[]> before;

    UndoLog(InMemoryStorageBackend owner, Map<String, byte[]> before) {
      this.owner = owner;
      this.before = before;
    }

    @Override
    public Optional<byte[]> get(String key) {
      return owner.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
      // Remember the value before the first change only (null = absent), so a rollback restores it.
      if (!before.containsKey(key)) {
        before.put(key, owner.data.get(key));
      }
      owner.data.put(key, value.clone());
    }

    @Override
    public void delete(String key) {
      if (!before.containsKey(key)) {
        before.put(key, owner.data.get(key));
      }
      owner.data.remove(key);
    }

    @Override
    public List<String> list(String prefix) {
      return owner.list(prefix);
    }

    @Override
    public List<String> listPage(String prefix, String after, int limit) {
      return owner.listPage(prefix, after, limit);
    }

    @Override
    public void close() {}
  }
}
