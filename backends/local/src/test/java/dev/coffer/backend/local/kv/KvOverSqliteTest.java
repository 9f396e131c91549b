package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.local.storage.SqliteStorageBackendFactory;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.StorageBackend;
import dev.coffer.spi.testkit.EngineHarness;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KV v2 engine on a real SQLite file: versions, listing and CAS under real transactions. */
class KvOverSqliteTest {
  @TempDir Path dir;

  private EngineHarness mount(StorageBackend backend) {
    return new EngineHarness(
        new KvEngineFactory()
            .create(
                new TestMountContext(
                    "secret/",
                    "kv",
                    Map.of("version", "2"),
                    new BackendStorage(backend),
                    Clock.systemUTC())),
        "secret/");
  }

  private StorageBackend open() {
    return new SqliteStorageBackendFactory()
        .create(Map.of("path", dir.resolve("kv.db").toString()));
  }

  @Test
  void secretsSurviveReopeningTheDatabase() {
    try (StorageBackend backend = open()) {
      EngineHarness kv = mount(backend);
      kv.write("data/team/app", Map.of("data", Map.of("password", "one")));
      kv.write("data/team/app", Map.of("data", Map.of("password", "two")));
    }
    try (StorageBackend backend = open()) {
      EngineHarness kv = mount(backend);
      assertThat(kv.read("data/team/app", Map.of("version", 1)).data().get("data"))
          .isEqualTo(Map.of("password", "one"));
      assertThat(kv.listKeys("metadata")).containsExactly("team/");
      assertThat(kv.listKeys("metadata/team")).containsExactly("app");
    }
  }

  @Test
  void concurrentCasWritesOnSqliteLetExactlyOneWin() throws Exception {
    try (StorageBackend backend = open()) {
      EngineHarness kv = mount(backend);
      kv.write("data/k", Map.of("data", Map.of("v", "0")));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          results.add(
              pool.submit(
                  () -> {
                    try {
                      kv.write(
                          "data/k", Map.of("data", Map.of("v", "x"), "options", Map.of("cas", 1)));
                      return true;
                    } catch (CofferException e) {
                      return false;
                    }
                  }));
        }
        int wins = 0;
        for (Future<Boolean> f : results) {
          wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(wins).isEqualTo(1);
        assertThat(kv.read("metadata/k").data()).containsEntry("current_version", 2L);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
