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
  void aFailingTransactionRollsBackOnlyItsOwnWritesNotThoseSharingItsCommit() throws Exception {
    try (SqliteStorageBackend b = open(dir.resolve("f.db"))) {
      CountDownLatch inside = new CountDownLatch(1);
      CompletableFuture<Void> failing =
          CompletableFuture.runAsync(
              () ->
                  b.transaction(
                      tx -> {
                        tx.put("failed/one", new byte[] {1});
                        inside.countDown();
                        awaitQueuedWriter(b);
                        throw new IllegalStateException("work failed");
                      }));
      inside.await(30, TimeUnit.SECONDS);
      b.put("kept/one", new byte[] {2});

      assertThatThrownBy(() -> failing.get(30, TimeUnit.SECONDS))
          .hasRootCauseInstanceOf(IllegalStateException.class)
          .hasRootCauseMessage("work failed");
      assertThat(b.get("kept/one")).isPresent();
      assertThat(b.get("failed/one")).isEmpty();
      assertThat(b.list("")).containsExactly("kept/");
    }
  }

  @Test
  void aWriteThatWaitedForAnotherWriterSeesItsWritesInTheSameBatch() throws Exception {
    try (SqliteStorageBackend b = open(dir.resolve("s.db"))) {
      CountDownLatch inside = new CountDownLatch(1);
      CompletableFuture<Void> first =
          CompletableFuture.runAsync(
              () ->
                  b.transaction(
                      tx -> {
                        tx.put("counter", new byte[] {1});
                        inside.countDown();
                        awaitQueuedWriter(b);
                        return null;
                      }));
      inside.await(30, TimeUnit.SECONDS);
      byte seen =
          b.transaction(
              tx -> {
                byte v = tx.get("counter").orElseThrow()[0];
                tx.put("counter", new byte[] {(byte) (v + 1)});
                return v;
              });
      first.get(30, TimeUnit.SECONDS);

      assertThat(seen).isEqualTo((byte) 1);
      assertThat(b.get("counter")).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
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

  private static void awaitQueuedWriter(SqliteStorageBackend b) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!b.writer().writersQueued() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }
}
