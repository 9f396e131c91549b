package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The copy of the current version's data in a secret's metadata row (one row per usual read). */
class KvV2CurrentDataCopyTest extends KvV2TestBase {

  @Test
  void aReadOfTheCurrentVersionNeedsOnlyTheMetadataRow() {
    put("k", Map.of("v", "one", "n", Map.of("deep", "x")));
    storage.delete(KvStore.versionKey("k", 1));

    assertThat(secretData(kv.read("data/k")))
        .isEqualTo(Map.of("v", "one", "n", Map.of("deep", "x")));
    assertThat(storedMetadata("k")).contains("\"current_data_version\":1");
  }

  @Test
  void aCopyReadsTheSameAsTheVersionRow() {
    put("k", Map.of("v", "one", "list", List.of(1, 2.5, "two", Map.of("x", true))));
    Map<String, Object> fromCopy = secretData(kv.read("data/k"));
    put("k", Map.of("v", "two"));

    // Version 1 is no longer current: read from its own row.
    assertThat(secretData(kv.read("data/k", Map.of("version", 1)))).isEqualTo(fromCopy);
  }

  @Test
  void aNewVersionReplacesTheCopyAndOlderVersionsReadTheirOwnRows() {
    put("k", Map.of("v", "first-value"));
    put("k", Map.of("v", "second-value"));

    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "second-value");
    assertThat(secretData(kv.read("data/k", Map.of("version", 1))))
        .containsEntry("v", "first-value");
    assertThat(storedMetadata("k")).contains("second-value").doesNotContain("first-value");
  }

  @Test
  void destroyingTheCurrentVersionLeavesNoCopyOfItsData() {
    put("k", Map.of("v", "destroy-me"));
    kv.write("destroy/k", Map.of("versions", List.of(1)));

    assertThat(storedMetadata("k")).doesNotContain("destroy-me").doesNotContain("current_data");
    notFound(() -> kv.read("data/k"));
  }

  @Test
  void aSoftDeletedCurrentVersionIsNotReadFromItsCopyUntilUndeleted() {
    put("k", Map.of("v", "kept"));
    kv.write("delete/k", Map.of("versions", List.of(1)));
    notFound(() -> kv.read("data/k"));

    kv.write("undelete/k", Map.of("versions", List.of(1)));
    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "kept");
  }

  @Test
  void metadataStoredBeforeTheCopyExistedIsReadFromTheVersionRow() {
    put("k", Map.of("v", "old-style"));
    KeyMetadata meta = KvJson.read(storage.get("metadata/k").orElseThrow(), KeyMetadata.class);
    meta.currentData = null;
    meta.currentDataVersion = 0;
    storage.put("metadata/k", KvJson.write(meta));
    assertThat(storedMetadata("k")).doesNotContain("old-style");

    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "old-style");
    @SuppressWarnings("unchecked")
    Map<String, Object> subkeys = (Map<String, Object>) kv.read("subkeys/k").data().get("subkeys");
    assertThat(subkeys).containsOnlyKeys("v");
  }

  @Test
  void theCopyIsNeverShownByTheMetadataEndpoints() {
    put("k", Map.of("v", "hidden"));

    assertThat(metadata("k")).doesNotContainKeys("current_data", "current_data_version");
    assertThat(metadata("k").toString()).doesNotContain("hidden");
  }

  private String storedMetadata(String path) {
    return new String(storage.get("metadata/" + path).orElseThrow(), StandardCharsets.UTF_8);
  }
}
