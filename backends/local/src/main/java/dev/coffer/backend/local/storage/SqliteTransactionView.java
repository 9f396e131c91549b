package dev.coffer.backend.local.storage;

import dev.coffer.spi.StorageBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a transaction's work sees: the backend bound to the one connection that holds the write
 * lock. Reads see the transaction's own writes. Valid only while the transaction runs; a nested
 * {@link #transaction} simply joins it.
 */
final class SqliteTransactionView implements StorageBackend {
  private final Connection connection;
  private boolean active = true;

  SqliteTransactionView(Connection connection) {
    this.connection = connection;
  }

  void end() {
    active = false;
  }

  @Override
  public Optional<byte[]> get(String key) {
    return run("read", c -> EntryTable.get(c, key));
  }

  @Override
  public void put(String key, byte[] value) {
    run(
        "write",
        c -> {
          EntryTable.put(c, key, value);
          return null;
        });
  }

  @Override
  public void delete(String key) {
    run(
        "delete",
        c -> {
          EntryTable.delete(c, key);
          return null;
        });
  }

  @Override
  public List<String> list(String prefix) {
    return run("list", c -> EntryTable.children(c, prefix, "", -1));
  }

  @Override
  public List<String> listPage(String prefix, String after, int limit) {
    return run("list", c -> EntryTable.children(c, prefix, after, limit));
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
      return work.run(connection);
    } catch (SQLException e) {
      throw SqliteErrors.storageError(operation, e);
    }
  }

  /** A piece of JDBC work on one connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
