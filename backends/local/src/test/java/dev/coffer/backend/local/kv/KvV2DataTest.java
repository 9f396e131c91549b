package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Operation;
import dev.coffer.spi.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvV2DataTest extends KvV2TestBase {

  @Test
  void aWriteAnswersTheNewVersionsMetadataInVaultsShape() {
    Map<String, Object> answer = put("app/db", Map.of("password", "s3cret"));
    assertThat(answer)
        .containsExactly(
            entry("created_time", START_TEXT),
            entry("custom_metadata", null),
            entry("deletion_time", ""),
            entry("destroyed", false),
            entry("version", 1L));
  }

  @Test
  void aReadAnswersTheLatestDataAndItsMetadata() {
    put("app/db", Map.of("password", "one"));
    clock.advance(Duration.ofSeconds(1));
    put("app/db", Map.of("password", "two", "n", 3));
    Response r = kv.read("data/app/db");
    assertThat(r.data()).containsOnlyKeys("data", "metadata");
    assertThat(secretData(r)).containsOnly(entry("password", "two"), entry("n", 3));
    assertThat(metadataOf(r.data()))
        .containsEntry("version", 2L)
        .containsEntry("created_time", "2018-03-22T02:24:07.945319214Z")
        .containsEntry("deletion_time", "")
        .containsEntry("destroyed", false);
  }

  @Test
  void aReadOfAnOlderVersionAnswersThatVersion() {
    put("k", Map.of("v", "one"));
    put("k", Map.of("v", "two"));
    Response r = kv.read("data/k", Map.of("version", "1"));
    assertThat(secretData(r)).containsEntry("v", "one");
    assertThat(metadataOf(r.data())).containsEntry("version", 1L);
  }

  @Test
  void aReadOfAMissingSecretOrVersionIs404WithoutMessages() {
    notFound(() -> kv.read("data/missing"));
    put("k", Map.of("v", "one"));
    notFound(() -> kv.read("data/k", Map.of("version", 7)));
  }

  @Test
  void nestedValuesAndDecimalsRoundTripUnchanged() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("nested", Map.of("list", List.of(1, "two", true)));
    data.put("price", new BigDecimal("1.10"));
    data.put("nothing", null);
    put("k", data);
    assertThat(secretData(kv.read("data/k"))).isEqualTo(data);
  }

  @Test
  void aWriteWithoutDataIsRejected() {
    badRequest(() -> kv.write("data/k", Map.of()), "no data provided");
    badRequest(() -> kv.write("data/k", Map.of("options", Map.of())), "no data provided");
  }

  @Test
  void aWriteIsACreateForANewSecretAndAnUpdateForAnExistingOne() {
    Map<String, Object> body = Map.of("data", Map.of("a", "b"));
    assertThat(kv.resolvedOperation(Operation.UPDATE, "data/k", body)).isEqualTo(Operation.CREATE);
    put("k", Map.of("a", "b"));
    assertThat(kv.resolvedOperation(Operation.UPDATE, "data/k", body)).isEqualTo(Operation.UPDATE);
  }

  @Test
  void casZeroCreatesOnlyWhenTheSecretDoesNotExist() {
    assertThat(putWithCas("k", Map.of("v", "1"), 0)).containsEntry("version", 1L);
    badRequest(
        () -> putWithCas("k", Map.of("v", "2"), 0),
        "check-and-set parameter did not match the current version");
  }

  @Test
  void aCasThatMatchesTheCurrentVersionWritesAndAStaleOneIsRefused() {
    put("k", Map.of("v", "1"));
    put("k", Map.of("v", "2"));
    assertThat(putWithCas("k", Map.of("v", "3"), "2")).containsEntry("version", 3L);
    badRequest(
        () -> putWithCas("k", Map.of("v", "lost"), 2),
        "check-and-set parameter did not match the current version");
    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "3");
  }

  @Test
  void aCasThatIsNotANumberIsRefused() {
    badRequest(
        () -> putWithCas("k", Map.of("v", "1"), "one"), "error parsing check-and-set parameter");
  }

  @Test
  void casRequiredOnTheMountOrTheSecretRefusesWritesWithoutCas() {
    kv.write("config", Map.of("cas_required", true));
    badRequest(() -> put("k", Map.of("v", "1")), "check-and-set parameter required for this call");
    kv.write("config", Map.of("cas_required", false));
    put("k", Map.of("v", "1"));
    kv.write("metadata/k", Map.of("cas_required", true));
    badRequest(() -> put("k", Map.of("v", "2")), "check-and-set parameter required for this call");
    assertThat(putWithCas("k", Map.of("v", "2"), 1)).containsEntry("version", 2L);
  }

  @Test
  void patchMergesIntoTheLatestVersionAndNullRemovesAKey() {
    put("k", Map.of("keep", "a", "change", "b", "drop", "c", "obj", Map.of("x", 1, "y", 2)));
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("change", "B");
    patch.put("drop", null);
    patch.put("added", "d");
    Map<String, Object> objPatch = new LinkedHashMap<>();
    objPatch.put("y", null);
    objPatch.put("z", 3);
    patch.put("obj", objPatch);
    Map<String, Object> answer = kv.patch("data/k", Map.of("data", patch)).data();
    assertThat(answer).containsEntry("version", 2L);
    assertThat(secretData(kv.read("data/k")))
        .isEqualTo(Map.of("keep", "a", "change", "B", "obj", Map.of("x", 1, "z", 3), "added", "d"));
  }

  @Test
  void patchOfAMissingSecretIs404AndOfADeletedOneIs404WithTheBareVersionMetadata() {
    notFound(() -> kv.patch("data/none", Map.of("data", Map.of("a", "b"))));
    put("k", Map.of("a", "b"));
    kv.delete("data/k");
    CofferException e = notFound(() -> kv.patch("data/k", Map.of("data", Map.of("a", "c"))));
    assertThat(e.data())
        .doesNotContainKey("data")
        .containsEntry("version", 1L)
        .containsEntry("destroyed", false)
        .containsEntry("deletion_time", START_TEXT);
  }

  @Test
  void patchHonoursCheckAndSetAndNeedsData() {
    put("k", Map.of("a", "b"));
    badRequest(
        () -> kv.patch("data/k", Map.of("data", Map.of("a", "c"), "options", Map.of("cas", 5))),
        "check-and-set parameter did not match the current version");
    badRequest(() -> kv.patch("data/k", Map.of()), "no data provided");
    assertThat(
            kv.patch("data/k", Map.of("data", Map.of("a", "c"), "options", Map.of("cas", 1)))
                .data())
        .containsEntry("version", 2L);
  }

  @Test
  void deleteSoftDeletesTheLatestVersionSoReadsAnswer404WithMetadata() {
    put("k", Map.of("v", "1"));
    put("k", Map.of("v", "2"));
    clock.advance(Duration.ofMinutes(1));
    assertThat(kv.delete("data/k").data()).isNull();
    CofferException e = notFound(() -> kv.read("data/k"));
    assertThat(e.data()).containsEntry("data", null);
    assertThat(metadataOf(e.data()))
        .containsEntry("version", 2L)
        .containsEntry("deletion_time", "2018-03-22T02:25:06.945319214Z")
        .containsEntry("destroyed", false);
    assertThat(secretData(kv.read("data/k", Map.of("version", 1)))).containsEntry("v", "1");
  }

  @Test
  void deletingAMissingOrAlreadyDeletedSecretDoesNothing() {
    assertThat(kv.delete("data/none").data()).isNull();
    put("k", Map.of("v", "1"));
    kv.delete("data/k");
    String first =
        (String) metadataOf(failure(() -> kv.read("data/k")).data()).get("deletion_time");
    clock.advance(Duration.ofSeconds(5));
    kv.delete("data/k");
    assertThat(metadataOf(failure(() -> kv.read("data/k")).data()))
        .containsEntry("deletion_time", first);
  }

  @Test
  void aNewWriteAfterADeleteIsReadableAgain() {
    put("k", Map.of("v", "1"));
    kv.delete("data/k");
    put("k", Map.of("v", "2"));
    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "2");
  }

  @Test
  void olderVersionDataIsStoredUnderTheHashedPathAndMetadataUnderThePath() {
    put("team/app", Map.of("v", "1"));
    assertThat(storage.keys()).containsExactly("metadata/team/app");
    put("team/app", Map.of("v", "2"));
    assertThat(storage.keys())
        .containsExactlyInAnyOrder("metadata/team/app", KvStore.versionKey("team/app", 1));
    assertThat(KvStore.versionKey("team/app", 1)).matches("versions/[0-9a-f]{64}/1");
  }
}
