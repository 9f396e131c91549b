package dev.coffer.backend.local.storage;

import dev.coffer.backend.local.SqliteNativeLibrary;
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
 * Keeps Coffer's data in one SQLite file (layout in {@link EntryTable}).
 *
 * <p>Every connection runs with {@code journal_mode=WAL} (readers never wait for the writer),
 * {@code synchronous=FULL}, {@code busy_timeout} and {@code foreign_keys=ON}; the writer's own
 * connection runs {@code synchronous=NORMAL} and {@link WalSync} forces the log after each commit,
 * outside the write lock: a write is on disk when the call returns. Reads use a small pool of
 * connections with compiled statements ({@link ReaderPool}) behind a {@link ReadCache} of recently
 * read keys (the file must belong to this one process: another process writing to it would not be
 * seen by the cache). Every write, and each {@link #transaction}, runs on one dedicated writer
 * connection through {@link GroupCommit}: concurrent writes share one {@code BEGIN IMMEDIATE ...
 * COMMIT} and so one fsync, each inside its own savepoint, and each returns only once that commit
 * is on disk. When the lock stays busy beyond {@code busy_timeout} (another process), reads and
 * {@code BEGIN} are tried again a few times; a work is never run twice.
 *
 * <p>Failures become {@code CofferException(INTERNAL, "storage error: ...")} naming the operation
 * and SQLite's result code, never a key or value.
 */
public final class SqliteStorageBackend implements StorageBackend {
  /** How many times a busy read, write or BEGIN is attempted in all. */
  static final int MAX_ATTEMPTS = 3;

  private static final long RETRY_PAUSE_MS = 50;

  /** SQLite page cache of each connection, in KiB. */
  static final int PAGE_CACHE_KIB = 8 * 1024;

  /** WAL size in pages at which a commit checkpoints by itself (SQLite's default is 1,000). */
  static final int WRITER_CHECKPOINT_PAGES = 10_000;

  private final ReaderPool readers;
  private final GroupCommit writer;
  private final ReadCache cache;
  private final Checkpointer checkpointer;

  private SqliteStorageBackend(
      ReaderPool readers, GroupCommit writer, ReadCache cache, Checkpointer checkpointer) {
    this.readers = readers;
    this.writer = writer;
    this.cache = cache;
    this.checkpointer = checkpointer;
  }

  /**
   * Opens (creating if needed) the database at {@code file}, with a read cache of {@code
   * cacheBytes} ({@code 0}: none).
   */
  static SqliteStorageBackend open(
      Path file, int maxConnections, int busyTimeoutMs, long cacheBytes) {
    SqliteNativeLibrary.preferDistributionCopy();
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    sqlite.setBusyTimeout(busyTimeoutMs);
    sqlite.enforceForeignKeys(true);
    // The driver would otherwise compile and run "SELECT last_insert_rowid()" after every insert.
    sqlite.setGetGeneratedKeys(false);
    // A larger page cache per connection keeps the upper levels of both B-trees in memory. (A
    // memory map of the file was tried and dropped: random reads of a 3 GB file got 2x slower.)
    sqlite.setCacheSize(-PAGE_CACHE_KIB);
    // Checkpoints run on their own thread (Checkpointer); the writer's is the backstop.
    sqlite.setPragma(
        SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(WRITER_CHECKPOINT_PAGES));
    SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
    dataSource.setUrl("jdbc:sqlite:" + file);

    // Switch to WAL and create the schema on one connection before the pool opens several.
    try (Connection c = dataSource.getConnection()) {
      EntrySchema.prepare(c);
    } catch (SQLException e) {
      throw new IllegalArgumentException(
          "cannot open the SQLite database given by 'storage.path' ("
              + SqliteErrors.storageError("open", e).getMessage()
              + ")",
          e);
    }

    ReadCache cache = cacheBytes > 0 ? new ReadCache(cacheBytes) : null;
    long readerWaitMs = Math.max(30_000L, busyTimeoutMs + 5_000L);
    return new SqliteStorageBackend(
        new ReaderPool(dataSource, maxConnections, readerWaitMs),
        new GroupCommit(dataSource, WalSync.of(file), cache),
        cache,
        new Checkpointer(dataSource));
  }

  @Override
  public Optional<byte[]> get(String key) {
    if (cache == null) {
      return read("read", t -> t.get(key));
    }
    Optional<byte[]> known = cache.lookup(key);
    if (known != null) {
      return known;
    }
    long stamp = cache.stamp(key);
    Optional<byte[]> found = read("read", t -> t.get(key));
    cache.fill(key, found, stamp);
    return found;
  }

  @Override
  public void put(String key, byte[] value) {
    byte[] copy = value.clone();
    write(
        "write",
        t -> {
          t.put(key, copy);
          return null;
        });
  }

  @Override
  public void delete(String key) {
    write(
        "delete",
        t -> {
          t.delete(key);
          return null;
        });
  }

  @Override
  public List<String> list(String prefix) {
    return read("list", t -> t.children(prefix, "", -1));
  }

  @Override
  public List<String> listPage(String prefix, String after, int limit) {
    return read("list", t -> t.children(prefix, after, limit));
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
        t -> {
          SqliteTransactionView view = new SqliteTransactionView(t);
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
        t -> {
          try (Statement s = t.connection().createStatement();
              java.sql.ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : "";
          }
        });
  }

  /** The group-commit writer (for tests). */
  GroupCommit writer() {
    return writer;
  }

  /** The read cache, or {@code null} if off (for tests). */
  ReadCache cache() {
    return cache;
  }

  /** Closes the writer and every pooled connection. */
  @Override
  public void close() {
    checkpointer.close();
    writer.close();
    readers.close();
    if (cache != null) {
      cache.clear();
    }
  }

  private <T> T read(String operation, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return readers.run(work);
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
