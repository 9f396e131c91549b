package dev.coffer.backend.local.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {
  @TempDir Path dir;

  @Test
  void theWriteAheadLogIsCopiedIntoTheDatabaseFileWithoutTheWriterDoingIt() throws Exception {
    Path file = dir.resolve("c.db");
    try (SqliteStorageBackend b =
        (SqliteStorageBackend)
            new SqliteStorageBackendFactory().create(Map.of("path", file.toString()))) {
      long before = Files.size(file);
      // ~600 pages of WAL: far below the writer's own checkpoint limit.
      for (int i = 0; i < 300; i++) {
        b.put("k/" + i, new byte[4000]);
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (Files.size(file) <= before + 1_000_000 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }

      assertThat(Files.size(file)).isGreaterThan(before + 1_000_000);
      // The writer's own checkpoint is set far above the ~600 pages written: it did not do this.
      assertThat(b.pragma("wal_autocheckpoint"))
          .isEqualTo(Integer.toString(SqliteStorageBackend.WRITER_CHECKPOINT_PAGES));
    }
  }
}
