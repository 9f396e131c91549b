package dev.coffer.backend.local.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes commits durable after the writer has let go of SQLite's write lock, so the fsync of one
 * batch overlaps the work of the next.
 *
 * <p>The writer connection runs with {@code synchronous=NORMAL}: its {@code COMMIT} writes the
 * transaction to the write-ahead log without an fsync. The writer numbers each commit ({@link
 * #committed}, under its lock) and, after releasing the lock, waits in {@link #durable} until an
 * fsync of the log that began after that commit has finished. Only one fsync runs at a time:
 * whoever finds none running starts one that covers every commit numbered so far; the others wait
 * for it and, if it began before their commit, start the next. That is the fsync {@code
 * synchronous=FULL} runs inside {@code COMMIT}, moved out of the lock and shared by every commit
 * that happened meanwhile.
 *
 * <p>A commit is visible to readers from {@code COMMIT} on, up to one fsync before its writer is
 * answered; after a power loss in that window it is gone, like a write whose answer never came. An
 * fsync that fails makes every later write fail: whether the log reached the disk is then unknown,
 * and the server must be restarted (SQLite recovers the log on open).
 */
final class WalSync {
  /** Forces the log to the disk. */
  interface Force {
    void force() throws IOException;
  }

  private final Force force;
  // Guarded by this.
  private long committed;
  private long synced;
  private boolean syncing;
  private IOException failure;

  WalSync(Force force) {
    this.force = force;
  }

  /**
   * Forces the write-ahead log of the database at {@code database} ({@code <database>-wal}). A log
   * that no longer exists was checkpointed into the database file and removed by SQLite when its
   * last connection closed, which syncs the database first: nothing is left to force.
   */
  static WalSync of(Path database) {
    Path wal = database.resolveSibling(database.getFileName() + "-wal");
    return new WalSync(
        () -> {
          if (Files.notExists(wal)) {
            return; // checkpointed and removed: durable in the database file
          }
          // Not a FileChannel: an interrupt of the calling thread would close it mid-fsync and
          // count as a failed fsync, which stops every later write.
          try (RandomAccessFile file = new RandomAccessFile(wal.toFile(), "rw")) {
            file.getFD().sync();
          }
        });
  }

  /** Numbers a commit that just happened (called by the writer, in commit order). */
  synchronized long committed() {
    return ++committed;
  }

  /** Whether an fsync is running now. */
  synchronized boolean syncing() {
    return syncing;
  }

  /** The failure that stopped durable writes, if an fsync failed. */
  synchronized IOException failure() {
    return failure;
  }

  /**
   * Returns once commit {@code number} is on disk.
   *
   * @throws IOException if the fsync that was to cover it, or an earlier one, failed
   */
  void durable(long number) throws IOException {
    long target;
    synchronized (this) {
      boolean interrupted = false;
      try {
        while (true) {
          if (failure != null) {
            throw new IOException("forcing the write-ahead log to disk failed", failure);
          }
          if (synced >= number) {
            return;
          }
          if (!syncing) {
            break;
          }
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      syncing = true;
      target = committed;
    }
    IOException error = null;
    try {
      force.force();
    } catch (IOException e) {
      error = e;
    } catch (RuntimeException | Error e) {
      error = new IOException(e);
      throw e;
    } finally {
      synchronized (this) {
        syncing = false;
        if (error == null) {
          synced = Math.max(synced, target);
        } else if (failure == null) {
          failure = error;
        }
        notifyAll();
      }
    }
    if (error != null) {
      throw error;
    }
  }
}
