package dev.coffer.backend.local.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite backend's read cache against a real file: it never answers what the file lacks. */
class SqliteReadCacheTest {
  private static final int KEYS = 8;
  private static final int WRITERS = 4;
  private static final int VERSIONS = 150;

  @TempDir Path dir;

  private SqliteStorageBackend open(Path file, String cacheMb) {
    return (SqliteStorageBackend)
        new SqliteStorageBackendFactory()
            .create(Map.of("path", file.toString(), "read_cache_mb", cacheMb));
  }

  @Test
  void aReadAfterAWriteReturnsTheWrittenValueAndComesFromTheCache() {
    try (SqliteStorageBackend b = open(dir.resolve("c.db"), "1")) {
      b.put("a/k", "one".getBytes(UTF_8));
      assertThat(b.cache().bytes()).isZero();
      assertThat(b.get("a/k")).isPresent();
      assertThat(b.cache().lookup("a/k")).isPresent();
      b.put("a/k", "two".getBytes(UTF_8));
      assertThat(b.cache().lookup("a/k"))
          .hasValueSatisfying(v -> assertThat(v).asString(UTF_8).isEqualTo("two"));

      assertThat(b.get("a/k"))
          .hasValueSatisfying(v -> assertThat(v).asString(UTF_8).isEqualTo("two"));
      b.delete("a/k");
      assertThat(b.get("a/k")).isEmpty();
    }
  }

  @Test
  void aTransactionThatFailsLeavesTheCacheWithTheValueBeforeIt() {
    try (SqliteStorageBackend b = open(dir.resolve("c.db"), "1")) {
      b.put("k", "before".getBytes(UTF_8));
      b.get("k");
      assertThatThrownBy(
              () ->
                  b.transaction(
                      tx -> {
                        tx.put("k", "during".getBytes(UTF_8));
                        tx.put("other", "x".getBytes(UTF_8));
                        throw new IllegalStateException("boom");
                      }))
          .hasMessage("boom");

      assertThat(b.get("k"))
          .hasValueSatisfying(v -> assertThat(v).asString(UTF_8).isEqualTo("before"));
      assertThat(b.get("other")).isEmpty();
    }
  }

  @Test
  void aCommittedTransactionIsSeenByTheNextRead() {
    try (SqliteStorageBackend b = open(dir.resolve("c.db"), "1")) {
      b.put("k", "before".getBytes(UTF_8));
      b.get("k");
      b.get("new");
      b.transaction(
          tx -> {
            tx.put("k", "after".getBytes(UTF_8));
            tx.put("new", "x".getBytes(UTF_8));
            return null;
          });

      assertThat(b.get("k"))
          .hasValueSatisfying(v -> assertThat(v).asString(UTF_8).isEqualTo("after"));
      assertThat(b.get("new")).isPresent();
    }
  }

  @Test
  void underConcurrentWritesAndReadsTheCacheEndsEqualToTheFile() throws Exception {
    Path file = dir.resolve("c.db");
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 4);
    AtomicBoolean writing = new AtomicBoolean(true);
    try (SqliteStorageBackend b = open(file, "1")) {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  for (int v = 0; v < VERSIONS; v++) {
                    String key = "k" + ((v + writer) % KEYS);
                    if (v % 7 == 0) {
                      b.delete(key);
                    } else {
                      b.put(key, (writer + ":" + v).getBytes(UTF_8));
                    }
                  }
                }));
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        readers.add(
            pool.submit(
                () -> {
                  while (writing.get()) {
                    for (int k = 0; k < KEYS; k++) {
                      b.get("k" + k);
                    }
                  }
                }));
      }
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      for (Future<?> f : readers) {
        f.get(60, TimeUnit.SECONDS);
      }

      try (SqliteStorageBackend uncached = open(file, "0")) {
        for (int k = 0; k < KEYS; k++) {
          Optional<byte[]> onDisk = uncached.get("k" + k);
          Optional<String> cached = b.get("k" + k).map(v -> new String(v, UTF_8));
          assertThat(cached).isEqualTo(onDisk.map(v -> new String(v, UTF_8)));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
