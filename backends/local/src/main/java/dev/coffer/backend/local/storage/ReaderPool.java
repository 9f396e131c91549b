package dev.coffer.backend.local.storage;

import dev.coffer.backend.local.storage.SqliteTransactionView.SqlWork;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The read connections of the SQLite backend: at most {@code max} of them, opened when first needed
 * and kept, each with its compiled statements ({@link EntryTable}). A connection whose work failed
 * with anything but a busy lock is closed rather than reused.
 */
final class ReaderPool implements AutoCloseable {
  private final DataSource source;
  private final int max;
  private final long waitMs;
  private final ArrayBlockingQueue<EntryTable> idle;
  private final AtomicInteger open = new AtomicInteger();
  private volatile boolean closed;

  ReaderPool(DataSource source, int max, long waitMs) {
    this.source = source;
    this.max = max;
    this.waitMs = waitMs;
    this.idle = new ArrayBlockingQueue<>(max);
  }

  /** Runs {@code work} on a free read connection, waiting up to the pool's wait for one. */
  <T> T run(SqlWork<T> work) throws SQLException {
    EntryTable table = take();
    boolean reusable = true;
    try {
      return work.run(table);
    } catch (SQLException e) {
      reusable = SqliteErrors.isBusy(e);
      throw e;
    } catch (RuntimeException | Error e) {
      reusable = false;
      throw e;
    } finally {
      if (reusable && !closed && idle.offer(table)) {
        if (closed && idle.remove(table)) {
          discard(table);
        }
      } else {
        discard(table);
      }
    }
  }

  /** Closes the idle connections; connections in use close when their work ends. */
  @Override
  public void close() {
    closed = true;
    for (EntryTable t; (t = idle.poll()) != null; ) {
      discard(t);
    }
  }

  private EntryTable take() throws SQLException {
    if (closed) {
      throw new SQLException("storage closed");
    }
    EntryTable t = idle.poll();
    if (t != null) {
      return t;
    }
    t = openIfRoom();
    if (t != null) {
      return t;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    while (true) {
      try {
        t = idle.poll(Math.min(50, waitMs), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for a read connection");
      }
      if (t != null) {
        return t;
      }
      t = openIfRoom();
      if (t != null) {
        return t;
      }
      if (closed) {
        throw new SQLException("storage closed");
      }
      if (System.nanoTime() > deadline) {
        throw new SQLException("no read connection free after " + waitMs + " ms");
      }
    }
  }

  /** A new connection if fewer than {@code max} are open, else {@code null}. */
  private EntryTable openIfRoom() throws SQLException {
    if (open.incrementAndGet() <= max) {
      try {
        return new EntryTable(source.getConnection());
      } catch (SQLException | RuntimeException e) {
        open.decrementAndGet();
        throw e;
      }
    }
    open.decrementAndGet();
    return null;
  }

  private void discard(EntryTable table) {
    open.decrementAndGet();
    table.close();
  }
}
