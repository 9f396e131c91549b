package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.core.RequestMethod;
import dev.coffer.spi.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KvCommandsTest {
  @TempDir Path dir;
  private final FakeServer server = new FakeServer();

  @BeforeEach
  void mounts() {
    server.reset();
    server.kvMount(
        "secret/", "2", "secret/hello", "secret/", "secret", "secret/app/db", "secret/app");
    server.kvMount("kv/", "1", "kv/hello", "kv");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private CliRun coffer(String... args) {
    return CliRun.run(
        Map.of("VAULT_ADDR", server.address(), "VAULT_TOKEN", "cfs.root"), "", null, args);
  }

  private static Map<String, Object> versionMetadata(int version) {
    return Map.of(
        "created_time",
        "2026-11-28T09:00:00.000000001Z",
        "deletion_time",
        "",
        "destroyed",
        false,
        "version",
        version);
  }

  @Test
  void putWritesAKvV2BodyWithCasAndPrintsTheVersion() {
    server.ok("POST secret/data/hello", versionMetadata(3));
    CliRun r = coffer("kv", "put", "-cas=2", "secret/hello", "foo=bar", "n=1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().data())
        .isEqualTo(Map.of("data", Map.of("foo", "bar", "n", "1"), "options", Map.of("cas", 2)));
    assertThat(server.last().token()).isEqualTo("cfs.root");
    assertThat(r.out()).contains("secret/data/hello").containsPattern("version\\s+3");
  }

  @Test
  void putReadsValuesFromFilesAndJsonFromStdin() throws Exception {
    server.ok("POST secret/data/hello", versionMetadata(1));
    Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN-----\n");
    coffer("kv", "put", "secret/hello", "cert=@" + cert);
    assertThat(server.last().data()).isEqualTo(Map.of("data", Map.of("cert", "-----BEGIN-----\n")));

    CliRun r =
        CliRun.run(
            Map.of("COFFER_ADDR", server.address()),
            "{\"a\":{\"b\":true}}",
            null,
            "kv",
            "put",
            "secret/hello",
            "-");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().data()).isEqualTo(Map.of("data", Map.of("a", Map.of("b", true))));
  }

  @Test
  void putWithoutDataFailsLocally() {
    CliRun r = coffer("kv", "put", "secret/hello");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: no data given");
  }

  @Test
  void aMalformedPairIsRejectedWithoutEchoingIt() {
    CliRun r = coffer("kv", "put", "secret/hello", "hunter2");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("expected key=value").doesNotContain("hunter2");
  }

  @Test
  void putOnKvV1WritesTheDataItself() {
    server.empty("POST kv/hello");
    CliRun r = coffer("kv", "put", "kv/hello", "foo=bar");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().data()).isEqualTo(Map.of("foo", "bar"));
    assertThat(r.out()).isEqualTo("Success! Data written to: kv/hello\n");
  }

  @Test
  void theMountOptionTakesAPathRelativeToIt() {
    server.ok("POST secret/data/hello", versionMetadata(1));
    CliRun r = coffer("kv", "put", "-mount=secret", "hello", "a=b");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().path()).isEqualTo("secret/data/hello");
  }

  @Test
  void getPrintsMetadataAndDataTables() {
    server.ok(
        "GET secret/data/hello",
        Map.of("data", Map.of("foo", "bar"), "metadata", versionMetadata(1)));
    CliRun r = coffer("kv", "get", "secret/hello");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("== Secret Path ==\nsecret/data/hello")
        .contains("======= Metadata =======")
        .containsPattern("version\\s+1")
        .containsPattern("deletion_time\\s+n/a")
        .contains("====== Data ======")
        .containsPattern("foo\\s+bar");
  }

  @Test
  void getOfAVersionSendsItAsAQueryParameter() {
    server.ok(
        "GET secret/data/hello",
        Map.of("data", Map.of("foo", "old"), "metadata", versionMetadata(1)));
    coffer("kv", "get", "-version=1", "secret/hello");
    assertThat(server.last().data()).containsEntry("version", "1");
  }

  @Test
  void getWithAFieldPrintsOnlyThatValue() {
    server.ok(
        "GET secret/data/hello",
        Map.of("data", Map.of("foo", "bar", "x", "y"), "metadata", versionMetadata(1)));
    CliRun r = coffer("kv", "get", "-field=foo", "secret/hello");
    assertThat(r.out()).isEqualTo("bar\n");
  }

  @Test
  void getInJsonPrintsTheEnvelope() {
    server.ok(
        "GET secret/data/hello",
        Map.of("data", Map.of("foo", "bar"), "metadata", versionMetadata(1)));
    CliRun r = coffer("kv", "get", "-format=json", "secret/hello");
    assertThat(r.out()).contains("\"request_id\"").contains("\"foo\": \"bar\"");
  }

  @Test
  void getOfAMissingSecretSaysSoAndExitsTwo() {
    CliRun r = coffer("kv", "get", "secret/nothing");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("No value found at secret/data/nothing\n");
  }

  @Test
  void getOfADeletedVersionSaysItIsDeleted() {
    server.failWithData(
        "GET secret/data/hello",
        ErrorCode.NOT_FOUND,
        Map.of("data", Map.of(), "metadata", versionMetadata(2)));
    CliRun r = coffer("kv", "get", "secret/hello");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("Version 2 of secret/data/hello is deleted\n");
  }

  @Test
  void getOnKvV1ReadsThePathItself() {
    server.ok("GET kv/hello", Map.of("foo", "bar"));
    CliRun r = coffer("kv", "get", "kv/hello");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("foo\\s+bar").doesNotContain("Metadata");
  }

  @Test
  void listUsesTheListMethodOnMetadata() {
    server.ok("LIST secret/metadata/app/", Map.of("keys", List.of("db", "web/")));
    CliRun r = coffer("kv", "list", "secret/app");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().method()).isEqualTo(RequestMethod.LIST);
    assertThat(r.out()).isEqualTo("Keys\n----\ndb\nweb/\n");
  }

  @Test
  void listInJsonPrintsTheKeys() {
    server.ok("LIST secret/metadata/", Map.of("keys", List.of("a")));
    CliRun r = coffer("kv", "list", "-format=json", "secret/");
    assertThat(r.out()).isEqualTo("[\n  \"a\"\n]\n");
  }

  @Test
  void patchSendsAMergePatch() {
    server.ok("PATCH secret/data/hello", versionMetadata(4));
    CliRun r = coffer("kv", "patch", "secret/hello", "foo=baz");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().method()).isEqualTo(RequestMethod.PATCH);
    assertThat(server.last().data()).isEqualTo(Map.of("data", Map.of("foo", "baz")));
  }

  @Test
  void patchOnKvV1IsRefused() {
    CliRun r = coffer("kv", "patch", "kv/hello", "a=b");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("only supported on KV version 2");
  }

  @Test
  void deleteSoftDeletesTheLatestVersion() {
    server.empty("DELETE secret/data/hello");
    CliRun r = coffer("kv", "delete", "secret/hello");
    assertThat(r.out()).isEqualTo("Success! Data deleted (if it existed) at: secret/data/hello\n");
  }

  @Test
  void deleteOfVersionsPostsThem() {
    server.empty("POST secret/delete/hello");
    coffer("kv", "delete", "-versions=1,2", "secret/hello");
    assertThat(server.last().data()).isEqualTo(Map.of("versions", List.of(1, 2)));
  }

  @Test
  void undeleteAndDestroyNeedVersions() {
    server.empty("POST secret/undelete/hello");
    server.empty("PUT secret/destroy/hello");
    assertThat(coffer("kv", "undelete", "secret/hello").exitCode()).isEqualTo(1);
    assertThat(coffer("kv", "undelete", "-versions=3", "secret/hello").exitCode()).isZero();
    assertThat(server.last().data()).isEqualTo(Map.of("versions", List.of(3)));
    assertThat(coffer("kv", "destroy", "-versions=1", "secret/hello").exitCode()).isZero();
    assertThat(server.last().method()).isEqualTo(RequestMethod.PUT);
    assertThat(server.last().path()).isEqualTo("secret/destroy/hello");
  }

  @Test
  void metadataGetPrintsSettingsAndVersions() {
    server.ok(
        "GET secret/metadata/hello",
        Map.of(
            "current_version", 2,
            "max_versions", 0,
            "versions", Map.of("1", Map.of("destroyed", false), "2", Map.of("destroyed", true))));
    CliRun r = coffer("kv", "metadata", "get", "secret/hello");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .containsPattern("current_version\\s+2")
        .contains("====== Version 1 ======")
        .contains("====== Version 2 ======");
  }

  @Test
  void metadataPutSendsOnlyTheGivenSettings() {
    server.empty("POST secret/metadata/hello");
    CliRun r =
        coffer(
            "kv",
            "metadata",
            "put",
            "-max-versions=5",
            "-cas-required",
            "-custom-metadata=owner=ops",
            "secret/hello");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().data())
        .isEqualTo(
            Map.of(
                "max_versions",
                5,
                "cas_required",
                true,
                "custom_metadata",
                Map.of("owner", "ops")));
  }

  @Test
  void metadataPatchAndDeleteUseTheirMethods() {
    server.empty("PATCH secret/metadata/hello");
    server.empty("DELETE secret/metadata/hello");
    coffer("kv", "metadata", "patch", "-delete-version-after=1h", "secret/hello");
    assertThat(server.last().method()).isEqualTo(RequestMethod.PATCH);
    assertThat(server.last().data()).isEqualTo(Map.of("delete_version_after", "1h"));
    CliRun r = coffer("kv", "metadata", "delete", "secret/hello");
    assertThat(r.out())
        .isEqualTo("Success! Data deleted (if it existed) at: secret/metadata/hello\n");
  }

  @Test
  void withoutAMountPreflightTheFirstSegmentIsAKvV2Mount() {
    FakeServer bare = new FakeServer();
    try {
      bare.ok("GET other/data/x", Map.of("data", Map.of("k", "v"), "metadata", versionMetadata(1)));
      CliRun r =
          CliRun.run(Map.of("COFFER_ADDR", bare.address()), "", null, "kv", "get", "other/x");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(bare.last().path()).isEqualTo("other/data/x");
    } finally {
      bare.close();
    }
  }

  @Test
  void aServerErrorIsPrintedAndExitsTwo() {
    server.fail(
        "POST secret/data/hello",
        ErrorCode.INVALID_REQUEST,
        "check-and-set parameter did not match the current version");
    CliRun r = coffer("kv", "put", "-cas=1", "secret/hello", "a=b");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("Error: 400 check-and-set parameter did not match the current version\n");
  }
}
