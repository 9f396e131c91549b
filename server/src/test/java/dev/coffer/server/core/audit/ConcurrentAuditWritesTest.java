package dev.coffer.server.core.audit;

import static dev.coffer.server.core.audit.AuditLogFiles.fileDevice;
import static dev.coffer.server.core.audit.AuditLogFiles.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads writing to one file device: every line lands once, in one unbroken chain. */
class ConcurrentAuditWritesTest {
  private static final int THREADS = 16;
  private static final int EACH = 100;

  @TempDir Path dir;

  @Test
  void everyEntryOfManyConcurrentWritersIsWrittenOnceInOneIntactChain() throws Exception {
    Path file = dir.resolve("audit.log");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (AuditDevice device = fileDevice(file, Map.of())) {
      device.open();
      List<Future<Boolean>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  boolean all = true;
                  for (int i = 0; i < EACH; i++) {
                    all &= device.write(Map.of("type", "request", "id", thread + "-" + i));
                  }
                  return all;
                }));
      }
      for (Future<Boolean> f : done) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }

    AuditChainVerifier.Result r = AuditChainVerifier.verify(List.of(file));
    assertThat(r.intact()).as(r.message()).isTrue();
    assertThat(r.entries()).isEqualTo(1 + THREADS * EACH);
    Set<String> ids = new HashSet<>();
    for (String line : lines(file)) {
      int at = line.indexOf("\"id\":\"");
      if (at >= 0) {
        ids.add(line.substring(at + 6, line.indexOf('"', at + 6)));
      }
    }
    assertThat(ids).hasSize(THREADS * EACH);
  }
}
