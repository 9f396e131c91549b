package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The current version's data lives in the secret's metadata row: a new secret is one row, a read of
 * the current version one row; older versions move to rows of their own.
 */
class KvV2CurrentDataTest extends KvV2TestBase {

  @Test
  void aNewSecretIsStoredInItsMetadataRowAlone() {
    put("k", Map.of("v", "one", "n", Map.of("deep", "x")));

    assertThat(storage.keys()).contains("metadata/k").doesNotContain(KvStore.versionKey("k", 1));
    assertThat(storedMetadata("k")).contains("\"current_data_version\":1");
    assertThat(secretData(kv.read("data/k")))
        .isEqualTo(Map.of("v", "one", "n", Map.of("deep", "x")));
  }

  @Test
  void aNewVersionMovesThePreviousDataToARowOfItsOwn() {
    put("k", Map.of("v", "first-value"));
    put("k", Map.of("v", "second-value"));

    assertThat(storage.keys())
        .contains(KvStore.versionKey("k", 1))
        .doesNotContain(KvStore.versionKey("k", 2));
    assertThat(storedMetadata("k")).contains("second-value").doesNotContain("first-value");
    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "second-value");
    assertThat(secretData(kv.read("data/k", Map.of("version", 1))))
        .containsEntry("v", "first-value");
  }

  @Test
  void dataReadsTheSameFromTheMetadataRowAndFromItsOwnRow() {
    put("k", Map.of("v", "one", "list", List.of(1, 2.5, "two", Map.of("x", true))));
    Map<String, Object> fromMetadata = secretData(kv.read("data/k"));
    put("k", Map.of("v", "two"));

    assertThat(secretData(kv.read("data/k", Map.of("version", 1)))).isEqualTo(fromMetadata);
  }

  @Test
  void destroyingTheCurrentVersionLeavesNoTraceOfItsData() {
    put("k", Map.of("v", "destroy-me"));
    kv.write("destroy/k", Map.of("versions", List.of(1)));

    assertThat(storedMetadata("k")).doesNotContain("destroy-me").doesNotContain("current_data");
    notFound(() -> kv.read("data/k"));

    put("k", Map.of("v", "after"));
    assertThat(storage.keys()).doesNotContain(KvStore.versionKey("k", 1));
    notFound(() -> kv.read("data/k", Map.of("version", 1)));
  }

  @Test
  void aSoftDeletedCurrentVersionKeepsItsDataWhenSupersededAndCanBeUndeleted() {
    put("k", Map.of("v", "kept"));
    kv.write("delete/k", Map.of("versions", List.of(1)));
    notFound(() -> kv.read("data/k"));
    put("k", Map.of("v", "next"));

    kv.write("undelete/k", Map.of("versions", List.of(1)));
    assertThat(secretData(kv.read("data/k", Map.of("version", 1)))).containsEntry("v", "kept");
  }

  @Test
  void aVersionPrunedAsItIsSupersededGetsNoRow() {
    kv.write("metadata/k", Map.of("max_versions", 1));
    put("k", Map.of("v", "first"));
    put("k", Map.of("v", "second"));

    assertThat(storage.keys()).noneMatch(key -> key.startsWith("versions/"));
    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "second");
    notFound(() -> kv.read("data/k", Map.of("version", 1)));
  }

  @Test
  void aSecretStoredBeforeDataMovedIntoTheMetadataRowIsReadAndWrittenAsBefore() {
    // As versions before 2026-12-03 stored it: the current version in a row of its own.
    put("k", Map.of("v", "old-style"));
    KeyMetadata meta = KvJson.read(storage.get("metadata/k").orElseThrow(), KeyMetadata.class);
    storage.put(KvStore.versionKey("k", 1), KvJson.write(meta.currentData));
    meta.currentData = null;
    meta.currentDataVersion = 0;
    storage.put("metadata/k", KvJson.write(meta));

    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "old-style");
    @SuppressWarnings("unchecked")
    Map<String, Object> subkeys = (Map<String, Object>) kv.read("subkeys/k").data().get("subkeys");
    assertThat(subkeys).containsOnlyKeys("v");

    put("k", Map.of("v", "new-style"));
    assertThat(secretData(kv.read("data/k", Map.of("version", 1)))).containsEntry("v", "old-style");
    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "new-style");
  }

  @Test
  void theDataIsNeverShownByTheMetadataEndpoint() {
    put("k", Map.of("v", "hidden"));

    assertThat(metadata("k")).doesNotContainKeys("current_data", "current_data_version");
    assertThat(metadata("k").toString()).doesNotContain("hidden");
  }

  private String storedMetadata(String path) {
    return new String(storage.get("metadata/" + path).orElseThrow(), StandardCharsets.UTF_8);
  }
}
