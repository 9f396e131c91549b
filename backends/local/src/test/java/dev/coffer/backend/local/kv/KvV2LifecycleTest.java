package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.spi.CofferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KvV2LifecycleTest extends KvV2TestBase {

  @Test
  void configStartsWithVaultsDefaults() {
    assertThat(kv.read("config").data())
        .containsExactly(
            Map.entry("cas_required", false),
            Map.entry("delete_version_after", "0s"),
            Map.entry("max_versions", 0L));
  }

  @Test
  void configWriteChangesOnlyTheFieldsGiven() {
    assertThat(kv.write("config", Map.of("max_versions", "4", "delete_version_after", 3600)).data())
        .isNull();
    kv.write("config", Map.of("cas_required", "true"));
    assertThat(kv.read("config").data())
        .containsEntry("max_versions", 4L)
        .containsEntry("cas_required", true)
        .containsEntry("delete_version_after", "1h0m0s");
  }

  @Test
  void aConfigValueOfTheWrongTypeIsA400NamingTheField() {
    CofferException e = failure(() -> kv.write("config", Map.of("max_versions", "many")));
    assertThat(e.getMessage()).contains("max_versions");
  }

  @Test
  void oldestVersionStaysZeroUntilTheWindowIsFullAsInVault() {
    for (int i = 1; i <= 9; i++) {
      put("k", Map.of("v", i));
    }
    assertThat(metadata("k")).containsEntry("oldest_version", 0L);
    put("k", Map.of("v", 10));
    assertThat(metadata("k")).containsEntry("oldest_version", 1L);
    assertThat(versionNumbers("k")).hasSize(10);
  }

  @Test
  void onlyTheDefaultTenVersionsAreKept() {
    for (int i = 1; i <= 12; i++) {
      put("k", Map.of("v", i));
    }
    Map<String, Object> m = metadata("k");
    assertThat(m).containsEntry("current_version", 12L).containsEntry("oldest_version", 3L);
    assertThat(versionNumbers("k"))
        .containsExactlyInAnyOrder("3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
    notFound(() -> kv.read("data/k", Map.of("version", 2)));
    // The metadata row (holding version 12's data) and rows for versions 3 to 11.
    assertThat(storage.keys()).hasSize(10);
  }

  @Test
  void theHigherOfTheMountAndSecretMaxVersionsWinsAsInVault() {
    kv.write("config", Map.of("max_versions", 3));
    kv.write("metadata/k", Map.of("max_versions", 5));
    for (int i = 1; i <= 6; i++) {
      put("k", Map.of("v", i));
    }
    assertThat(versionNumbers("k")).containsExactlyInAnyOrder("2", "3", "4", "5", "6");
    assertThat(metadata("k")).containsEntry("oldest_version", 2L);
    kv.write("metadata/k", Map.of("max_versions", 2));
    put("k", Map.of("v", 7));
    assertThat(versionNumbers("k")).containsExactlyInAnyOrder("5", "6", "7");
    assertThat(metadata("k")).containsEntry("oldest_version", 5L);
  }

  @Test
  void aSecretsMaxVersionsAppliesWhenTheMountHasNone() {
    kv.write("metadata/k", Map.of("max_versions", 1));
    put("k", Map.of("v", 1));
    put("k", Map.of("v", 2));
    assertThat(versionNumbers("k")).containsExactly("2");
  }

  @Test
  void deleteVersionAfterSetsAFutureDeletionTimeAndReadsAfterItAnswer404() {
    kv.write("config", Map.of("delete_version_after", "1h"));
    Map<String, Object> written = put("k", Map.of("v", "1"));
    assertThat(written).containsEntry("deletion_time", "2018-03-22T03:24:06.945319214Z");
    clock.advance(Duration.ofMinutes(59));
    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "1");
    clock.advance(Duration.ofMinutes(1));
    CofferException e = notFound(() -> kv.read("data/k"));
    assertThat(metadataOf(e.data())).containsEntry("version", 1L);
  }

  @Test
  void theShorterOfTheMountAndSecretDeleteVersionAfterWins() {
    kv.write("config", Map.of("delete_version_after", "2h"));
    kv.write("metadata/k", Map.of("delete_version_after", "30m"));
    assertThat(put("k", Map.of("v", "1")))
        .containsEntry("deletion_time", "2018-03-22T02:54:06.945319214Z");
    assertThat(metadata("k")).containsEntry("delete_version_after", "30m0s");
  }

  @Test
  void aNegativeMountDeleteVersionAfterDisablesEveryScheduledDeletion() {
    kv.write("config", Map.of("delete_version_after", "-1"));
    assertThat(kv.read("config").data()).containsEntry("delete_version_after", "-1s");
    kv.write("metadata/k", Map.of("delete_version_after", "1h"));
    assertThat(put("k", Map.of("v", "1"))).containsEntry("deletion_time", "");
    kv.write("config", Map.of("delete_version_after", 0));
    assertThat(kv.read("config").data()).containsEntry("delete_version_after", "0s");
    assertThat(put("k", Map.of("v", "2")))
        .containsEntry("deletion_time", "2018-03-22T03:24:06.945319214Z");
  }

  @Test
  void aMalformedMountDeleteVersionAfterIsA400NamingTheField() {
    CofferException e = failure(() -> kv.write("config", Map.of("delete_version_after", "soon")));
    assertThat(e.getMessage()).contains("delete_version_after");
  }

  @Test
  void undeleteClearsAScheduledDeletion() {
    kv.write("config", Map.of("delete_version_after", "1s"));
    put("k", Map.of("v", "1"));
    clock.advance(Duration.ofSeconds(5));
    notFound(() -> kv.read("data/k"));
    kv.write("undelete/k", Map.of("versions", List.of(1)));
    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "1");
  }

  @Test
  void concurrentCasWritesOfTheSameVersionLetExactlyOneWin() throws Exception {
    put("k", Map.of("v", "0"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int n = t;
        results.add(
            pool.submit(
                () -> {
                  try {
                    putWithCas("k", Map.of("v", "writer" + n), 1);
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
      assertThat(metadata("k")).containsEntry("current_version", 2L);
    } finally {
      pool.shutdownNow();
    }
  }
}
