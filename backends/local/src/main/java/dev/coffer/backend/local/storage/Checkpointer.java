package dev.coffer.backend.local.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Copies the write-ahead log back into the database file from a thread of its own, so the writer
 * does not: left to SQLite, the commit that crosses the WAL's size limit runs the checkpoint (the
 * copy and an fsync of the database file) while every queued writer waits. Runs {@code PRAGMA
 * wal_checkpoint(PASSIVE)} every {@link #INTERVAL_MS} ms on its own connection; a passive
 * checkpoint never blocks readers or the writer. The writer's own automatic checkpoint stays on, at
 * a higher limit, as the backstop if this thread falls behind.
 *
 * <p>Often and small rather than seldom and large: each checkpoint ends with an fsync of the
 * database file, and an fsync of the log (every durable write waits for one) queues behind those
 * writes on the device. Every 50 ms instead of 250 ms cut the p99 of durable writes from 106–114 ms
 * to 76–78 ms and of audited reads from 10–45 ms to 7–13 ms (docs/benchmarks.md, "Fifth pass"). A
 * checkpoint with nothing to copy does no I/O.
 */
final class Checkpointer implements AutoCloseable {
  /** Pause between checkpoints. */
  static final long INTERVAL_MS = 50;

  private static final System.Logger LOG = System.getLogger(Checkpointer.class.getName());

  private final DataSource source;
  private final Thread thread;
  private volatile boolean running = true;

  Checkpointer(DataSource source) {
    this.source = source;
    this.thread = new Thread(this::run, "coffer-sqlite-checkpoint");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    Connection connection = null;
    while (running) {
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS));
      if (!running) {
        break;
      }
      try {
        if (connection == null) {
          connection = source.getConnection();
        }
        try (Statement s = connection.createStatement()) {
          s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
      } catch (SQLException e) {
        // The writer's automatic checkpoint still runs; try again with a fresh connection.
        LOG.log(
            System.Logger.Level.DEBUG,
            "checkpoint failed: " + SqliteErrors.storageError("checkpoint", e).getMessage());
        connection = closeQuietly(connection);
      }
    }
    closeQuietly(connection);
  }

  /** Stops the thread and waits for it. */
  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Connection closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // Nothing more to release.
      }
    }
    return null;
  }
}
