package dev.coffer.spi.testkit;

import dev.coffer.spi.Storage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A thread-safe {@link Storage} over a sorted map, for unit tests of secrets engines. Every call
 * takes one lock; a {@link #transaction} holds it for the whole work and undoes the work's writes
 * if it throws, so read-modify-write sequences behave as they do on a real backend.
 */
public final class InMemoryStorage implements Storage {
  private final TreeMap<String, byte[]> data = new TreeMap<>();
  private final ReentrantLock lock = new ReentrantLock();

  @Override
  public Optional<byte[]> get(String key) {
    lock.lock();
    try {
      byte[] v = data.get(key);
      return v == null ? Optional.empty() : Optional.of(v.clone());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void put(String key, byte[] value) {
    requireKey(key);
    lock.lock();
    try {
      data.put(key, value.clone());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void delete(String key) {
    lock.lock();
    try {
      data.remove(key);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<String> list(String prefix) {
    lock.lock();
    try {
      TreeSet<String> children = new TreeSet<>();
      for (String key : data.tailMap(prefix, true).keySet()) {
        if (!key.startsWith(prefix)) {
          break;
        }
        String rest = key.substring(prefix.length());
        int slash = rest.indexOf('/');
        children.add(slash < 0 ? rest : rest.substring(0, slash + 1));
      }
      children.remove("");
      return new ArrayList<>(children);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <T> T transaction(Function<Storage, T> work) {
    lock.lock();
    try {
      UndoingView view = new UndoingView();
      try {
        return work.apply(view);
      } catch (RuntimeException | Error e) {
        view.rollback();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Every key currently stored, sorted; lets tests check an engine's storage layout. */
  public List<String> keys() {
    lock.lock();
    try {
      return new ArrayList<>(data.keySet());
    } finally {
      lock.unlock();
    }
  }

  private static void requireKey(String key) {
    if (key == null || key.isEmpty() || key.startsWith("/")) {
      throw new IllegalArgumentException("invalid storage key");
    }
  }

  /** The view a transaction works on: remembers each key's value before its first change. */
  private final class UndoingView implements Storage {
    private final Map<String, Optional<byte[]>> before = new HashMap<>();

    @Override
    public Optional<byte[]> get(String key) {
      return InMemoryStorage.this.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
      before.computeIfAbsent(key, k -> Optional.ofNullable(data.get(k)));
      InMemoryStorage.this.put(key, value);
    }

    @Override
    public void delete(String key) {
      before.computeIfAbsent(key, k -> Optional.ofNullable(data.get(k)));
      InMemoryStorage.this.delete(key);
    }

    @Override
    public List<String> list(String prefix) {
      return InMemoryStorage.this.list(prefix);
    }

    @Override
    public <T> T transaction(Function<Storage, T> work) {
      return work.apply(this);
    }

    void rollback() {
      for (Map.Entry<String, Optional<byte[]>> e : before.entrySet()) {
        if (e.getValue().isPresent()) {
          data.put(e.getKey(), e.getValue().get());
        } else {
          data.remove(e.getKey());
        }
      }
    }
  }
}
