package dev.coffer.backend.local.storage;

import dev.coffer.spi.StorageBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeSet;
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
    byte[] v = data.get(key);
    return v == null ? Optional.empty() : Optional.of(v.clone());
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
    return children(data, prefix, "", Integer.MAX_VALUE);
  }

  @Override
  public List<String> listPage(String prefix, String after, int limit) {
    return children(data, prefix, after, limit);
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

  /** The direct children of {@code prefix} in a sorted map, after {@code after}, at most limit. */
  static List<String> children(
      NavigableMap<String, byte[]> map, String prefix, String after, int limit) {
    TreeSet<String> out = new TreeSet<>();
    for (String key : map.tailMap(prefix, true).keySet()) {
      if (!key.startsWith(prefix)) {
        break;
      }
      String rest = key.substring(prefix.length());
      int slash = rest.indexOf('/');
      String child = slash < 0 ? rest : rest.substring(0, slash + 1);
      if (!child.isEmpty() && (after.isEmpty() || child.compareTo(after) > 0)) {
        out.add(child);
      }
    }
    List<String> page = new ArrayList<>();
    for (String c : out) {
      if (page.size() >= limit) {
        break;
      }
      page.add(c);
    }
    return page;
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
      before.computeIfAbsent(key, k -> owner.data.get(k));
      if (!before.containsKey(key)) {
        before.put(key, null);
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
