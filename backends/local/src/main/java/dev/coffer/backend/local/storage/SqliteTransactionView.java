package dev.coffer.backend.local.storage;

import dev.coffer.spi.StorageBackend;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a transaction's work sees: the backend bound to the one connection that holds the write
 * lock. Reads see the transaction's own writes (they go to SQLite, never to the read cache). Valid
 * only while the transaction runs; a nested {@link #transaction} simply joins it.
 */
final class SqliteTransactionView implements StorageBackend {
  private final EntryTable table;
  private boolean active = true;

  SqliteTransactionView(EntryTable table) {
    this.table = table;
  }

  void end() {
    active = false;
  }

  @Override
  public Optional<byte[]> get(String key) {
    return run("read", t -> t.get(key));
  }

  @Override
  public void put(String key, byte[] value) {
    run(
        "write",
        t -> {
          t.put(key, value);
          return null;
        });
  }

  @Override
  public void delete(String key) {
    run(
        "delete",
        t -> {
          t.delete(key);
          return null;
        });
  }

  @Override
  public List<String> list(String prefix) {
    return run("list", t -> t.children(prefix, "", -1));
  }

  @Override
  public List<String> listPage(String prefix, String after, int limit) {
    return run("list", t -> t.children(prefix, after, limit));
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

  private <T> T run(String operation, SqlWork<T> work) {
    if (!active) {
      throw new IllegalStateException("transaction view used after its transaction ended");
    }
    try {
      return work.run(table);
    } catch (SQLException e) {
      throw SqliteErrors.storageError(operation, e);
    }
  }

  /** A piece of JDBC work on one connection's table. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(EntryTable table) throws SQLException;
  }
}
