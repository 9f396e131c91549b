package dev.coffer.backend.local.storage;

import dev.coffer.backend.local.storage.EntryTable.Change;
import dev.coffer.backend.local.storage.SqliteTransactionView.SqlWork;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Every write of the SQLite backend, on one dedicated connection, with concurrent writers sharing
 * one transaction and so one fsync ("group commit").
 *
 * <p>A writer takes the lock, opens the batch's transaction ({@code BEGIN IMMEDIATE}) if none is
 * open, and runs its work inside a {@code SAVEPOINT}: a work that fails is rolled back to its
 * savepoint alone and its exception goes to its caller. Then, if other writers are already queued
 * on the lock and an fsync of the log is running, it leaves the transaction open for them and
 * waits: their commit could not reach the disk before that fsync ends anyway. The writer that finds
 * no fsync running, or no writer queued, or the batch full, runs {@code COMMIT}, releases the lock
 * and forces the write-ahead log to disk ({@link WalSync}: the connection runs with {@code
 * synchronous=NORMAL}, the fsync that {@code FULL} would run inside {@code COMMIT} runs after it,
 * outside the lock), then wakes the others. While that fsync runs the next batch already executes
 * and gathers the writers that arrive meanwhile. (Committing only when no writer was queued made
 * all writers one convoy: the disk idled while the batch ran, and the batch waited while the disk
 * ran.) So a write still returns only after the commit that holds it is on disk; if that commit or
 * its fsync fails, every write in the batch fails. Works run serially on their own threads, so a
 * batch is equivalent to running them one after the other, each seeing the writes before it.
 *
 * <p>The changes of the works that a commit made go to the {@link ReadCache} before the lock is
 * released (so in commit order, and before any of their writers returns); if a commit fails, the
 * cache forgets every key the batch touched.
 */
final class GroupCommit implements AutoCloseable {
  /** At most this many writes share one commit, which bounds the wait of the first. */
  static final int MAX_BATCH = 256;

  private final DataSource source;
  private final ReadCache cache;
  private final WalSync wal;
  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock.
  private EntryTable table;
  private Batch open;
  private boolean closed;

  /**
   * A writer whose commits {@code wal} makes durable and that hands committed changes to {@code
   * cache} ({@code null}: none).
   */
  GroupCommit(DataSource source, WalSync wal, ReadCache cache) {
    this.source = source;
    this.wal = wal;
    this.cache = cache;
  }

  /**
   * Runs {@code work} in the current batch and returns its result once the batch is committed.
   *
   * @throws SQLException if the work, beginning the batch or committing it failed
   */
  <T> T run(SqlWork<T> work) throws SQLException {
    Batch batch;
    T result = null;
    Throwable failure = null;
    boolean committedHere = false;
    lock.lock();
    try {
      if (lock.getHoldCount() > 1) {
        throw new IllegalStateException(
            "a transaction's work must write through the view it is given, not the backend");
      }
      if (open == null) {
        begin();
      }
      batch = open;
      try {
        execute("SAVEPOINT w");
        table.recordChanges();
        result = work.run(table);
        execute("RELEASE w");
        batch.changes.addAll(table.takeChanges());
        batch.members++;
      } catch (SQLException | RuntimeException | Error e) {
        failure = e;
        table.takeChanges();
        undo(batch, e);
      }
      if (open != null
          && (batch.members >= MAX_BATCH || !lock.hasQueuedThreads() || !wal.syncing())) {
        committedHere = commit(batch);
      }
    } finally {
      lock.unlock();
    }
    if (committedHere) {
      makeDurable(batch);
    }
    if (failure instanceof SQLException e) {
      throw e;
    } else if (failure instanceof RuntimeException e) {
      throw e;
    } else if (failure instanceof Error e) {
      throw e;
    }
    batch.awaitCommit();
    return result;
  }

  /** Whether writers are queued for the lock (for tests). */
  boolean writersQueued() {
    return lock.hasQueuedThreads();
  }

  /** Closes the connection; later writes fail. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      if (open != null) {
        abort(open, new SQLException("storage closed"));
      }
      closeConnection();
    } finally {
      lock.unlock();
    }
  }

  private void begin() throws SQLException {
    if (closed) {
      throw new SQLException("storage closed");
    }
    if (wal.failure() != null) {
      throw new SQLException(
          "an earlier fsync of the write-ahead log failed; restart the server", wal.failure());
    }
    if (table == null) {
      table = new EntryTable(source.getConnection());
      // Durability comes from WalSync after COMMIT instead of an fsync inside it.
      execute("PRAGMA synchronous = NORMAL");
    }
    for (int attempt = 1; ; attempt++) {
      try {
        execute("BEGIN IMMEDIATE");
        open = new Batch();
        return;
      } catch (SQLException e) {
        if (!SqliteErrors.isBusy(e) || attempt >= SqliteStorageBackend.MAX_ATTEMPTS) {
          throw e;
        }
      }
      SqliteStorageBackend.pause();
    }
  }

  /** Rolls back one failed work; if even that fails, the whole batch is lost. */
  private void undo(Batch batch, Throwable cause) {
    try {
      execute("ROLLBACK TO w");
      execute("RELEASE w");
    } catch (SQLException e) {
      SQLException lost = new SQLException("transaction aborted", e);
      lost.addSuppressed(cause);
      abort(batch, lost);
    }
  }

  /** Commits the batch; on failure finishes it with the failure and answers {@code false}. */
  private boolean commit(Batch batch) {
    open = null;
    try {
      execute("COMMIT");
    } catch (SQLException e) {
      rollbackQuietly();
      forgetChanges(batch);
      batch.finish(e);
      return false;
    }
    batch.number = wal.committed();
    if (cache != null) {
      cache.written(batch.changes);
    }
    return true;
  }

  /** Waits (outside the lock) until the batch's commit is on disk, then wakes its writers. */
  private void makeDurable(Batch batch) {
    SQLException failure = new SQLException("forcing the write-ahead log to disk failed");
    try {
      wal.durable(batch.number);
      failure = null;
    } catch (IOException e) {
      failure = new SQLException("forcing the write-ahead log to disk failed", e);
    } finally {
      batch.finish(failure); // whatever happened, no writer of the batch waits forever
    }
  }

  private void abort(Batch batch, SQLException cause) {
    open = null;
    rollbackQuietly();
    forgetChanges(batch);
    batch.finish(cause);
  }

  private void forgetChanges(Batch batch) {
    if (cache != null) {
      cache.forget(batch.changes);
    }
  }

  private void rollbackQuietly() {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      // No transaction, or the connection is broken: start over with a fresh one.
      closeConnection();
    }
  }

  private void closeConnection() {
    if (table != null) {
      table.close();
      table = null;
    }
  }

  /** Runs one of the few control statements, each compiled once per connection. */
  private void execute(String sql) throws SQLException {
    if (table == null) {
      throw new SQLException("no connection");
    }
    table.execute(sql);
  }

  /** The writes sharing one transaction. */
  private static final class Batch {
    int members; // guarded by GroupCommit.lock
    long number; // the commit's number for WalSync, set under GroupCommit.lock
    final List<Change> changes = new ArrayList<>(); // guarded by GroupCommit.lock
    private boolean done;
    private SQLException failure;

    synchronized void finish(SQLException failure) {
      this.failure = failure;
      done = true;
      notifyAll();
    }

    /** Waits, uninterruptibly, until the batch is committed (or has failed). */
    synchronized void awaitCommit() throws SQLException {
      boolean interrupted = false;
      while (!done) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw failure;
      }
    }
  }
}
