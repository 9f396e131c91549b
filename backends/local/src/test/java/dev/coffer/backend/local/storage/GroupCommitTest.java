package dev.coffer.backend.local.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.StorageBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Concurrent writes of the SQLite backend share commits without losing or mixing any of them. */
class GroupCommitTest {
  private static final int WRITERS = 16;
  private static final int WRITES_EACH = 60;

  @TempDir Path dir;

  private SqliteStorageBackend open(Path file) {
    return (SqliteStorageBackend)
        new SqliteStorageBackendFactory().create(Map.of("path", file.toString()));
  }

  @Test
  void everyAcknowledgedWriteOfManyConcurrentWritersIsOnDiskAfterReopening() throws Exception {
    Path file = dir.resolve("g.db");
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try (StorageBackend b = open(file)) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < WRITES_EACH; i++) {
                    String key = "w" + writer + "/k" + i;
                    if (i % 3 == 0) {
                      b.transaction(
                          tx -> {
                            tx.put(key, key.getBytes(UTF_8));
                            tx.put(key + "-pair", key.getBytes(UTF_8));
                            return null;
                          });
                    } else {
                      b.put(key, key.getBytes(UTF_8));
                    }
                    acknowledged.add(key);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(acknowledged).hasSize(WRITERS * WRITES_EACH);
    try (StorageBackend b = open(file)) {
      for (String key : acknowledged) {
        assertThat(b.get(key))
            .as(key)
            .hasValueSatisfying(v -> assertThat(v).asString(UTF_8).isEqualTo(key));
      }
      assertThat(b.list("")).hasSize(WRITERS);
    }
  }

  @Test
  void whileAnFsyncRunsQueuedWritersShareOneCommitAndAFailingOneRollsBackOnlyItsOwnWrites()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicLong forces = new AtomicLong();
    try (GroupCommit writer = gatedWriter(dir.resolve("g.db"), release, forces)) {
      // The first write commits alone and its fsync blocks: an fsync is running from now on.
      CompletableFuture<Void> first = runAsync(writer, t -> t.put("first", new byte[] {9}));
      awaitTrue(() -> forces.get() == 1);

      CountDownLatch secondInside = new CountDownLatch(1);
      CompletableFuture<Void> second =
          runAsync(
              writer,
              t -> {
                t.put("counter", new byte[] {1});
                secondInside.countDown();
                awaitTrue(writer::writersQueued); // the failing writer
              });
      secondInside.await(30, TimeUnit.SECONDS);
      CountDownLatch failingInside = new CountDownLatch(1);
      CompletableFuture<Void> failing =
          runAsync(
              writer,
              t -> {
                t.put("failed/one", new byte[] {1});
                failingInside.countDown();
                awaitTrue(writer::writersQueued); // the third writer
                throw new IllegalStateException("work failed");
              });
      failingInside.await(30, TimeUnit.SECONDS);
      CompletableFuture<Byte> third =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return writer.run(
                      t -> {
                        byte v = t.get("counter").orElseThrow()[0];
                        t.put("counter", new byte[] {(byte) (v + 1)});
                        t.put("kept/one", new byte[] {2});
                        return v;
                      });
                } catch (java.sql.SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      // The failing writer left the batch open for the third: release the fsync only then.
      awaitTrue(failing::isDone);
      release.countDown();

      first.get(30, TimeUnit.SECONDS);
      second.get(30, TimeUnit.SECONDS);
      assertThat(third.get(30, TimeUnit.SECONDS)).as("sees the earlier write").isEqualTo((byte) 1);
      assertThatThrownBy(() -> failing.get(30, TimeUnit.SECONDS))
          .hasRootCauseInstanceOf(IllegalStateException.class)
          .hasRootCauseMessage("work failed");
      assertThat(forces.get())
          .as("one fsync for the first write, one for the shared batch")
          .isEqualTo(2);
      EntryTable check = new EntryTable(source.getConnection());
      assertThat(check.get("counter")).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
      assertThat(check.get("kept/one")).isPresent();
      assertThat(check.get("failed/one")).isEmpty();
    }
  }

  @Test
  void writingThroughTheBackendInsteadOfTheViewInsideATransactionIsRefused() {
    try (SqliteStorageBackend b = open(dir.resolve("n.db"))) {
      assertThatThrownBy(
              () ->
                  b.transaction(
                      tx -> {
                        b.put("nested", new byte[] {1});
                        return null;
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("view");
      assertThat(b.get("nested")).isEmpty();
      b.put("after", new byte[] {1});
      assertThat(b.get("after")).isPresent();
    }
  }

  @Test
  void everyWriteReturnsOnlyAfterAnFsyncOfTheLogThatBeganAfterItsWork() throws Exception {
    Path file = dir.resolve("f.db");
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file);
    try (Connection c = source.getConnection()) {
      EntrySchema.prepare(c);
    }
    WalSync real = WalSync.of(file);
    AtomicLong forcesStarted = new AtomicLong();
    AtomicLong lastCompletedForce = new AtomicLong();
    WalSync counted =
        new WalSync(
            () -> {
              long number = forcesStarted.incrementAndGet();
              real.durable(real.committed());
              lastCompletedForce.set(number);
            });
    ConcurrentLinkedQueue<String> late = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try (GroupCommit writer = new GroupCommit(source, counted, null)) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int id = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < WRITES_EACH; i++) {
                    String key = "w" + id + "/k" + i;
                    long startedBeforeWork =
                        writer.run(
                            t -> {
                              t.put(key, new byte[] {1});
                              return forcesStarted.get();
                            });
                    if (lastCompletedForce.get() <= startedBeforeWork) {
                      late.add(key);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(late).as("writes answered before a covering fsync").isEmpty();
    assertThat(forcesStarted.get()).isPositive().isLessThanOrEqualTo(WRITERS * WRITES_EACH);
  }

  private SQLiteDataSource source;

  /** A writer over a new file whose fsyncs of the log wait for {@code release}, counted. */
  private GroupCommit gatedWriter(Path file, CountDownLatch release, AtomicLong forces)
      throws Exception {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file);
    try (Connection c = source.getConnection()) {
      EntrySchema.prepare(c);
    }
    return new GroupCommit(
        source,
        new WalSync(
            () -> {
              forces.incrementAndGet();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }),
        null);
  }

  private interface Write {
    void run(EntryTable table) throws java.sql.SQLException;
  }

  private static CompletableFuture<Void> runAsync(GroupCommit writer, Write write) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            writer.run(
                t -> {
                  write.run(t);
                  return null;
                });
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }
}
