package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every KV v2 call of VAULT-API.md, over real HTTP against a dev server. */
class KvV2OverHttpTest {
  private static CofferServer server;
  private static VaultApi api;

  @BeforeAll
  static void start() {
    server = TestServers.dev();
    api = TestServers.api(server, TestServers.ROOT);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode write(String path, String json) {
    Answer a = api.post("secret/data/" + path, json);
    assertThat(a.status()).as(a.raw()).isEqualTo(200);
    return a.data();
  }

  @Test
  void writeAnswersVersionMetadataAndReadAnswersTheData() {
    JsonNode meta = write("write-read", "{\"data\":{\"user\":\"app\",\"n\":3}}");
    assertThat(meta.get("version").asInt()).isEqualTo(1);
    assertThat(meta.get("destroyed").asBoolean()).isFalse();
    assertThat(meta.get("deletion_time").asText()).isEmpty();
    assertThat(meta.get("created_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

    Answer read = api.get("secret/data/write-read");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().get("request_id").asText()).isNotEmpty();
    assertThat(read.body().has("lease_id")).isTrue();
    assertThat(read.data().get("data").get("user").asText()).isEqualTo("app");
    assertThat(read.data().get("data").get("n").asInt()).isEqualTo(3);
    assertThat(read.data().get("metadata").get("version").asInt()).isEqualTo(1);
  }

  @Test
  void readByVersionAnswersThatVersion() {
    write("by-version", "{\"data\":{\"v\":\"one\"}}");
    write("by-version", "{\"data\":{\"v\":\"two\"}}");
    assertThat(api.get("secret/data/by-version?version=1").data().get("data").get("v").asText())
        .isEqualTo("one");
    assertThat(api.get("secret/data/by-version").data().get("data").get("v").asText())
        .isEqualTo("two");
    assertThat(api.get("secret/data/by-version?version=7").status()).isEqualTo(404);
  }

  @Test
  void readOfMissingSecretAnswers404WithEmptyErrors() {
    Answer a = api.get("secret/data/never-written");
    assertThat(a.status()).isEqualTo(404);
    assertThat(a.body().get("errors").size()).isZero();
  }

  @Test
  void casZeroCreatesOnlyWhenNothingExists() {
    assertThat(
            api.post("secret/data/cas0", "{\"options\":{\"cas\":0},\"data\":{\"a\":1}}").status())
        .isEqualTo(200);
    Answer again = api.post("secret/data/cas0", "{\"options\":{\"cas\":0},\"data\":{\"a\":2}}");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errors())
        .contains("check-and-set parameter did not match the current version");
  }

  @Test
  void casMismatchAnswers400AndKeepsTheCurrentVersion() {
    write("cas", "{\"data\":{\"a\":1}}");
    Answer bad = api.post("secret/data/cas", "{\"options\":{\"cas\":5},\"data\":{\"a\":2}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errors()).contains("check-and-set parameter did not match the current version");
    Answer good = api.post("secret/data/cas", "{\"options\":{\"cas\":1},\"data\":{\"a\":3}}");
    assertThat(good.data().get("version").asInt()).isEqualTo(2);
    assertThat(api.get("secret/data/cas").data().get("data").get("a").asInt()).isEqualTo(3);
  }

  @Test
  void casRequiredOnTheSecretRefusesWritesWithoutCas() {
    write("cas-required", "{\"data\":{\"a\":1}}");
    assertThat(api.post("secret/metadata/cas-required", "{\"cas_required\":true}").status())
        .isIn(200, 204);
    Answer a = api.post("secret/data/cas-required", "{\"data\":{\"a\":2}}");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errors()).contains("check-and-set parameter required for this call");
  }

  @Test
  void patchMergesIntoTheLatestVersion() {
    write("patch", "{\"data\":{\"keep\":\"k\",\"drop\":\"d\",\"change\":\"old\"}}");
    Answer p = api.patch("secret/data/patch", "{\"data\":{\"drop\":null,\"change\":\"new\"}}");
    assertThat(p.status()).as(p.raw()).isEqualTo(200);
    assertThat(p.data().get("version").asInt()).isEqualTo(2);
    JsonNode data = api.get("secret/data/patch").data().get("data");
    assertThat(data.get("keep").asText()).isEqualTo("k");
    assertThat(data.get("change").asText()).isEqualTo("new");
    assertThat(data.has("drop")).isFalse();
  }

  @Test
  void patchOfMissingSecretAnswers404() {
    assertThat(api.patch("secret/data/patch-missing", "{\"data\":{\"a\":1}}").status())
        .isEqualTo(404);
  }

  @Test
  void subkeysAnswersTheKeyTreeWithNullLeaves() {
    write("subkeys", "{\"data\":{\"a\":\"1\",\"b\":{\"c\":\"2\",\"d\":{\"e\":\"3\"}}}}");
    JsonNode sub = api.get("secret/subkeys/subkeys").data().get("subkeys");
    assertThat(sub.get("a").isNull()).isTrue();
    assertThat(sub.get("b").get("d").get("e").isNull()).isTrue();
    JsonNode shallow = api.get("secret/subkeys/subkeys?depth=1").data().get("subkeys");
    assertThat(shallow.get("b").isNull()).isTrue();
  }

  @Test
  void deletedVersionAnswers404WithItsMetadataAndUndeleteRestoresIt() {
    write("soft", "{\"data\":{\"a\":1}}");
    assertThat(api.delete("secret/data/soft").status()).isIn(200, 204);
    Answer gone = api.get("secret/data/soft");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.data().get("data").isNull()).isTrue();
    assertThat(gone.data().get("metadata").get("deletion_time").asText()).isNotEmpty();

    assertThat(api.post("secret/undelete/soft", "{\"versions\":[1]}").status()).isIn(200, 204);
    assertThat(api.get("secret/data/soft").data().get("data").get("a").asInt()).isEqualTo(1);
  }

  @Test
  void deletePathSoftDeletesTheNamedVersions() {
    write("soft-many", "{\"data\":{\"v\":1}}");
    write("soft-many", "{\"data\":{\"v\":2}}");
    assertThat(api.post("secret/delete/soft-many", "{\"versions\":[1]}").status()).isIn(200, 204);
    assertThat(api.get("secret/data/soft-many?version=1").status()).isEqualTo(404);
    assertThat(api.get("secret/data/soft-many?version=2").status()).isEqualTo(200);
  }

  @Test
  void destroyedVersionAnswers404AndCannotBeUndeleted() {
    write("destroy", "{\"data\":{\"a\":1}}");
    assertThat(api.put("secret/destroy/destroy", "{\"versions\":[1]}").status()).isIn(200, 204);
    Answer gone = api.get("secret/data/destroy");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.data().get("metadata").get("destroyed").asBoolean()).isTrue();
    api.post("secret/undelete/destroy", "{\"versions\":[1]}");
    assertThat(api.get("secret/data/destroy").status()).isEqualTo(404);
    JsonNode versions = api.get("secret/metadata/destroy").data().get("versions");
    assertThat(versions.get("1").get("destroyed").asBoolean()).isTrue();
  }

  @Test
  void metadataShowsVersionsAndCustomMetadata() {
    write("meta", "{\"data\":{\"a\":1}}");
    write("meta", "{\"data\":{\"a\":2}}");
    assertThat(
            api.post(
                    "secret/metadata/meta",
                    "{\"max_versions\":5,\"custom_metadata\":{\"owner\":\"team-a\"}}")
                .status())
        .isIn(200, 204);
    JsonNode m = api.get("secret/metadata/meta").data();
    assertThat(m.get("current_version").asInt()).isEqualTo(2);
    assertThat(m.get("oldest_version").asInt()).isIn(0, 1);
    assertThat(m.get("max_versions").asInt()).isEqualTo(5);
    assertThat(m.get("cas_required").asBoolean()).isFalse();
    assertThat(m.get("delete_version_after").asText()).isEqualTo("0s");
    assertThat(m.get("custom_metadata").get("owner").asText()).isEqualTo("team-a");
    assertThat(m.get("versions").has("1")).isTrue();
    assertThat(m.get("versions").has("2")).isTrue();
    assertThat(m.get("created_time").asText()).isNotEmpty();
    assertThat(m.get("updated_time").asText()).isNotEmpty();

    Answer patched = api.patch("secret/metadata/meta", "{\"custom_metadata\":{\"env\":\"prod\"}}");
    assertThat(patched.status()).as(patched.raw()).isIn(200, 204);
    JsonNode custom = api.get("secret/metadata/meta").data().get("custom_metadata");
    assertThat(custom.get("owner").asText()).isEqualTo("team-a");
    assertThat(custom.get("env").asText()).isEqualTo("prod");
    assertThat(api.get("secret/metadata/meta").data().get("max_versions").asInt()).isEqualTo(5);
  }

  @Test
  void deleteOfMetadataRemovesEveryVersion() {
    write("all-gone", "{\"data\":{\"a\":1}}");
    write("all-gone", "{\"data\":{\"a\":2}}");
    assertThat(api.delete("secret/metadata/all-gone").status()).isIn(200, 204);
    assertThat(api.get("secret/data/all-gone?version=1").status()).isEqualTo(404);
    assertThat(api.get("secret/metadata/all-gone").status()).isEqualTo(404);
  }

  @Test
  void listAnswersKeysAndFoldersAndAnEmptyFolderAnswers404() {
    write("list/a", "{\"data\":{\"x\":1}}");
    write("list/b", "{\"data\":{\"x\":1}}");
    write("list/dir/c", "{\"data\":{\"x\":1}}");
    Answer viaList = api.list("secret/metadata/list");
    assertThat(viaList.status()).isEqualTo(200);
    assertThat(viaList.data().get("keys").toString()).isEqualTo("[\"a\",\"b\",\"dir/\"]");
    Answer viaQuery = api.get("secret/metadata/list/?list=true");
    assertThat(viaQuery.data().get("keys").toString()).isEqualTo("[\"a\",\"b\",\"dir/\"]");
    assertThat(api.list("secret/metadata/list/dir/").data().get("keys").toString())
        .isEqualTo("[\"c\"]");
    assertThat(api.list("secret/metadata/nothing-here/").status()).isEqualTo(404);
  }

  @Test
  void maxVersionsPrunesTheOldestVersions() {
    api.post("secret/metadata/pruned", "{\"max_versions\":2}");
    for (int i = 1; i <= 4; i++) {
      write("pruned", "{\"data\":{\"i\":" + i + "}}");
    }
    JsonNode m = api.get("secret/metadata/pruned").data();
    assertThat(m.get("current_version").asInt()).isEqualTo(4);
    assertThat(m.get("oldest_version").asInt()).isEqualTo(3);
    assertThat(m.get("versions").size()).isEqualTo(2);
    assertThat(api.get("secret/data/pruned?version=1").status()).isEqualTo(404);
    assertThat(api.get("secret/data/pruned?version=3").status()).isEqualTo(200);
  }

  @Test
  void deleteVersionAfterMakesAVersionUnreadableOnceItPasses() throws Exception {
    api.post("secret/metadata/short-lived", "{\"delete_version_after\":\"1s\"}");
    JsonNode meta = write("short-lived", "{\"data\":{\"a\":1}}");
    assertThat(meta.get("deletion_time").asText()).isNotEmpty();
    long deadline = System.currentTimeMillis() + 10_000;
    int status = 200;
    while (status == 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      status = api.get("secret/data/short-lived").status();
    }
    assertThat(status).isEqualTo(404);
  }

  @Test
  void mountConfigIsReadAndWritten() {
    Answer w =
        api.post(
            "secret/config",
            "{\"max_versions\":0,\"cas_required\":false,\"delete_version_after\":\"0s\"}");
    assertThat(w.status()).isIn(200, 204);
    JsonNode c = api.get("secret/config").data();
    assertThat(c.get("max_versions").asInt()).isZero();
    assertThat(c.get("cas_required").asBoolean()).isFalse();
    assertThat(c.get("delete_version_after").asText()).isEqualTo("0s");
  }

  @Test
  void kvVersionOneMountServesPlainReadsAndWrites() {
    assertThat(
            api.post("sys/mounts/plain", "{\"type\":\"kv\",\"options\":{\"version\":\"1\"}}")
                .status())
        .isIn(200, 204);
    assertThat(api.put("plain/app", "{\"user\":\"u\"}").status()).isIn(200, 204);
    assertThat(api.get("plain/app").data().get("user").asText()).isEqualTo("u");
    assertThat(api.list("plain/").data().get("keys").toString()).isEqualTo("[\"app\"]");
    assertThat(api.delete("plain/app").status()).isIn(200, 204);
    assertThat(api.get("plain/app").status()).isEqualTo(404);
  }
}
