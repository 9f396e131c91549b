package dev.coffer.backend.local.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.coffer.backend.local.storage.SqliteTransactionView.SqlWork;
import dev.coffer.spi.StorageBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Keeps Coffer's data in one SQLite file (layout in {@link EntryTable}), through a HikariCP pool.
 *
 * <p>Every connection runs with {@code journal_mode=WAL} (readers never wait for the writer),
 * {@code synchronous=FULL} (a write is on disk when the call returns), {@code busy_timeout} and
 * {@code foreign_keys=ON}. Reads use the pool. Every write, and each {@link #transaction}, runs on
 * one dedicated writer connection through {@link GroupCommit}: concurrent writes share one {@code
 * BEGIN IMMEDIATE ... COMMIT} and so one fsync, each inside its own savepoint, and each returns
 * only once that commit is on disk. When the lock stays busy beyond {@code busy_timeout} (another
 * process), reads and {@code BEGIN} are tried again a few times; a work is never run twice.
 *
 * <p>Failures become {@code CofferException(INTERNAL, "storage error: ...")} naming the operation
 * and SQLite's result code, never a key or value.
 */
public final class SqliteStorageBackend implements StorageBackend {
  /** How many times a busy read, write or BEGIN is attempted in all. */
  static final int MAX_ATTEMPTS = 3;

  private static final long RETRY_PAUSE_MS = 50;

  private final HikariDataSource pool;
  private final GroupCommit writer;

  private SqliteStorageBackend(HikariDataSource pool, GroupCommit writer) {
    this.pool = pool;
    this.writer = writer;
  }

  /** Opens (creating if needed) the database at {@code file}. */
  static SqliteStorageBackend open(Path file, int maxConnections, int busyTimeoutMs) {
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    sqlite.setBusyTimeout(busyTimeoutMs);
    sqlite.enforceForeignKeys(true);
    SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
    dataSource.setUrl("jdbc:sqlite:" + file);

    // Switch to WAL and create the schema on one connection before the pool opens several.
    try (Connection c = dataSource.getConnection()) {
      EntryTable.createSchema(c);
    } catch (SQLException e) {
      throw new IllegalArgumentException(
          "cannot open the SQLite database given by 'storage.path' ("
              + SqliteErrors.storageError("open", e).getMessage()
              + ")",
          e);
    }

    HikariConfig hikari = new HikariConfig();
    hikari.setDataSource(dataSource);
    hikari.setPoolName("coffer-sqlite");
    hikari.setMaximumPoolSize(maxConnections);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(Math.max(30_000L, busyTimeoutMs + 5_000L));
    return new SqliteStorageBackend(new HikariDataSource(hikari), new GroupCommit(dataSource));
  }

  @Override
  public Optional<byte[]> get(String key) {
    return read("read", c -> EntryTable.get(c, key));
  }

  @Override
  public void put(String key, byte[] value) {
    byte[] copy = value.clone();
    write(
        "write",
        c -> {
          EntryTable.put(c, key, copy);
          return null;
        });
  }

  @Override
  public void delete(String key) {
    write(
        "delete",
        c -> {
          EntryTable.delete(c, key);
          return null;
        });
  }

  @Override
  public List<String> list(String prefix) {
    return read("list", c -> EntryTable.children(c, prefix, "", -1));
  }

  @Override
  public List<String> listPage(String prefix, String after, int limit) {
    return read("list", c -> EntryTable.children(c, prefix, after, limit));
  }

  @Override
  public boolean transactional() {
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The work holds SQLite's write lock for its whole run: it must use only the view it is given
   * (calling this backend's own {@code put} from inside would wait for that lock), and it should be
   * short.
   */
  @Override
  public <T> T transaction(Function<StorageBackend, T> work) {
    return write(
        "transaction",
        c -> {
          SqliteTransactionView view = new SqliteTransactionView(c);
          try {
            return work.apply(view);
          } finally {
            view.end();
          }
        });
  }

  /** The value of {@code PRAGMA <name>} on a pooled connection, for tests and diagnostics. */
  String pragma(String name) {
    return read(
        "pragma",
        c -> {
          try (Statement s = c.createStatement();
              java.sql.ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : "";
          }
        });
  }

  /** The group-commit writer (for tests). */
  GroupCommit writer() {
    return writer;
  }

  /** Closes the writer and every pooled connection. */
  @Override
  public void close() {
    writer.close();
    pool.close();
  }

  private <T> T read(String operation, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        return work.run(c);
      } catch (SQLException e) {
        if (!SqliteErrors.isBusy(e) || attempt >= MAX_ATTEMPTS) {
          throw SqliteErrors.storageError(operation, e);
        }
      }
      pause();
    }
  }

  private <T> T write(String operation, SqlWork<T> work) {
    try {
      return writer.run(work);
    } catch (SQLException e) {
      throw SqliteErrors.storageError(operation, e);
    }
  }

  static void pause() {
    try {
      Thread.sleep(RETRY_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
