package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvV2MetadataTest extends KvV2TestBase {

  @Test
  void metadataReadAnswersEveryFieldInVaultsShape() {
    put("k", Map.of("v", "1"));
    clock.advance(Duration.ofSeconds(2));
    put("k", Map.of("v", "2"));
    Map<String, Object> m = metadata("k");
    assertThat(m)
        .containsOnlyKeys(
            "cas_required",
            "created_time",
            "current_version",
            "custom_metadata",
            "delete_version_after",
            "max_versions",
            "oldest_version",
            "updated_time",
            "versions")
        .containsEntry("cas_required", false)
        .containsEntry("created_time", START_TEXT)
        .containsEntry("updated_time", "2018-03-22T02:24:08.945319214Z")
        .containsEntry("current_version", 2L)
        .containsEntry("oldest_version", 0L)
        .containsEntry("max_versions", 0L)
        .containsEntry("delete_version_after", "0s")
        .containsEntry("custom_metadata", null);
    assertThat(m.get("versions"))
        .isEqualTo(
            Map.of(
                "1",
                Map.of("created_time", START_TEXT, "deletion_time", "", "destroyed", false),
                "2",
                Map.of(
                    "created_time",
                    "2018-03-22T02:24:08.945319214Z",
                    "deletion_time",
                    "",
                    "destroyed",
                    false)));
  }

  @Test
  void metadataOfAMissingSecretIs404() {
    notFound(() -> kv.read("metadata/none"));
  }

  @Test
  void metadataWriteSetsSettingsAndCustomMetadataEvenBeforeTheFirstVersion() {
    assertThat(
            kv.write(
                    "metadata/k",
                    Map.of(
                        "max_versions",
                        5,
                        "cas_required",
                        true,
                        "delete_version_after",
                        "1h",
                        "custom_metadata",
                        Map.of("owner", "team-a")))
                .data())
        .isNull();
    Map<String, Object> m = metadata("k");
    assertThat(m)
        .containsEntry("created_time", START_TEXT)
        .containsEntry("updated_time", START_TEXT)
        .containsEntry("max_versions", 5L)
        .containsEntry("cas_required", true)
        .containsEntry("delete_version_after", "1h0m0s")
        .containsEntry("custom_metadata", Map.of("owner", "team-a"))
        .containsEntry("current_version", 0L)
        .containsEntry("versions", Map.of());
    notFound(() -> kv.read("data/k"));
  }

  @Test
  void metadataWriteReplacesCustomMetadataWhilePatchMergesIt() {
    kv.write("metadata/k", Map.of("custom_metadata", Map.of("a", "1", "b", "2")));
    kv.write("metadata/k", Map.of("custom_metadata", Map.of("c", "3")));
    assertThat(metadata("k")).containsEntry("custom_metadata", Map.of("c", "3"));
    Map<String, Object> patch = new HashMap<>();
    patch.put("c", null);
    patch.put("d", "4");
    kv.patch("metadata/k", Map.of("custom_metadata", patch, "max_versions", 3));
    assertThat(metadata("k"))
        .containsEntry("custom_metadata", Map.of("d", "4"))
        .containsEntry("max_versions", 3L);
  }

  @Test
  void customMetadataIsShownWithDataReadsAndWrites() {
    kv.write("metadata/k", Map.of("custom_metadata", Map.of("owner", "me")));
    assertThat(put("k", Map.of("v", "1"))).containsEntry("custom_metadata", Map.of("owner", "me"));
    assertThat(metadataOf(kv.read("data/k").data()))
        .containsEntry("custom_metadata", Map.of("owner", "me"));
  }

  @Test
  void metadataPatchOfAMissingSecretIs404() {
    notFound(() -> kv.patch("metadata/none", Map.of("max_versions", 2)));
  }

  @Test
  void customMetadataOverVaultsLimitsIsRefusedWithVaultsMessages() {
    Map<String, Object> many = new LinkedHashMap<>();
    for (int i = 0; i < 65; i++) {
      many.put("k" + i, "v");
    }
    badRequest(
        () -> kv.write("metadata/k", Map.of("custom_metadata", many)),
        "1 error occurred:\n\t* custom_metadata validation failed: payload must contain at most"
            + " 64 keys, provided 65\n\n");
    CofferException e =
        failure(
            () ->
                kv.write(
                    "metadata/k",
                    Map.of("custom_metadata", Map.of("k".repeat(129), "v".repeat(513)))));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.getMessage())
        .startsWith("2 errors occurred:")
        .contains("is 129 but must be 0 < len(key) <= 128")
        .contains("is 513 but must be 0 < len(value) <= 512");
  }

  @Test
  void customMetadataNumbersAndBooleansAreStoredAsTextButObjectsAreRefused() {
    kv.write("metadata/k", Map.of("custom_metadata", Map.of("n", 1, "f", 1.5, "b", true)));
    assertThat(metadata("k"))
        .containsEntry("custom_metadata", Map.of("n", "1", "f", "1.5", "b", "1"));
    CofferException e =
        failure(() -> kv.write("metadata/k", Map.of("custom_metadata", Map.of("o", Map.of()))));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.getMessage()).startsWith("custom_metadata validation failed: ");
  }

  @Test
  void anEmptyCustomMetadataValueIsRefused() {
    badRequest(
        () -> kv.write("metadata/k", Map.of("custom_metadata", Map.of("k", ""))),
        "1 error occurred:\n\t* custom_metadata validation failed: length of value for key \"k\""
            + " is 0 but must be 0 < len(value) <= 512\n\n");
  }

  @Test
  void aMetadataWriteWithNoKnownFieldChangesNothing() {
    assertThat(kv.write("metadata/k", Map.of("unknown", 1)).data()).isNull();
    notFound(() -> kv.read("metadata/k"));
  }

  @Test
  void turningCasRequiredOffOnASecretWhileTheMountRequiresItWarns() {
    kv.write("config", Map.of("cas_required", true));
    assertThat(kv.write("metadata/k", Map.of("cas_required", false)).warnings())
        .containsExactly(
            "\"cas_required\" set to false, but is mandated by backend config. This value will"
                + " be ignored.");
    assertThat(kv.patch("metadata/k", Map.of("cas_required", false)).warnings()).hasSize(1);
    assertThat(kv.patch("metadata/k", Map.of("max_versions", 2)).warnings()).isEmpty();
  }

  @Test
  void metadataDeleteRemovesEveryVersionAndTheMetadata() {
    put("k", Map.of("v", "1"));
    put("k", Map.of("v", "2"));
    put("other", Map.of("v", "x"));
    assertThat(kv.delete("metadata/k").data()).isNull();
    notFound(() -> kv.read("metadata/k"));
    notFound(() -> kv.read("data/k", Map.of("version", 1)));
    assertThat(storage.keys()).containsExactly("metadata/other");
  }

  @Test
  void listShowsSecretsAndFoldersAtEachLevel() {
    put("a", Map.of("v", "1"));
    put("dir/b", Map.of("v", "1"));
    put("dir/sub/c", Map.of("v", "1"));
    assertThat(kv.listKeys("metadata")).containsExactly("a", "dir/");
    assertThat(kv.listKeys("metadata/dir")).containsExactly("b", "sub/");
    assertThat(kv.listKeys("metadata/dir/")).containsExactly("b", "sub/");
  }

  @Test
  void listOfAnEmptyOrMissingFolderIs404() {
    notFound(() -> kv.list("metadata"));
    notFound(() -> kv.list("metadata/nothing"));
  }

  @Test
  void aMetadataReadOrWriteWithoutAPathIsRefused() {
    badRequest(() -> kv.read("metadata"), "missing path");
  }

  @Test
  void negativeMaxVersionsIsRefused() {
    badRequest(
        () -> kv.write("metadata/k", Map.of("max_versions", -1)),
        "max_versions must not be negative");
  }
}
