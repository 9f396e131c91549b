package dev.coffer.server.it;

import static dev.coffer.server.core.audit.FileSinkPathCheck.sleepPastPathCheck;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.CofferServer;
import dev.coffer.server.core.audit.AuditChainVerifier;
import dev.coffer.server.it.VaultApi.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit devices, tamper evidence, fail-closed and the access log over real HTTP. */
class AuditOverHttpTest {
  private static final String SECRET_STRING = "s3cr3t-value-7f1c";
  private static final long SECRET_NUMBER = 8675309;
  private static final String SECRET_JSON =
      "{\"data\":{\"password\":\""
          + SECRET_STRING
          + "\",\"pin\":"
          + SECRET_NUMBER
          + ",\"flag_b7\":true,\"nested\":{\"deep\":[\""
          + SECRET_STRING
          + "-2\",42.5]}}}";

  @TempDir Path dir;
  private CofferServer server;
  private VaultApi api;

  @BeforeEach
  void start() {
    server = TestServers.dev();
    api = TestServers.api(server, TestServers.ROOT);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void noAuditLineContainsASecretValueOrTheTokenAndTheChainVerifies() throws IOException {
    Path log = enableFileDevice("file", dir.resolve("audit.log"));
    assertThat(api.post("secret/data/app/db", SECRET_JSON).status()).isEqualTo(200);
    Answer read = api.get("secret/data/app/db");
    assertThat(read.data().get("data").get("password").asText()).isEqualTo(SECRET_STRING);
    String accessor = api.get("auth/token/lookup-self").data().get("accessor").asText();

    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines).hasSizeGreaterThanOrEqualTo(5); // header + 2 x (request, response)
    for (String line : lines) {
      assertThat(line)
          .doesNotContain(SECRET_STRING, Long.toString(SECRET_NUMBER), "42.5")
          .doesNotContain(TestServers.ROOT)
          .doesNotContain("\"flag_b7\":true");
      if (!accessor.isEmpty()) {
        assertThat(line).doesNotContain(accessor);
      }
    }
    String hashed = hash("file", SECRET_STRING);
    String all = String.join("\n", lines);
    assertThat(all)
        .contains("\"password\":\"" + hashed + "\"")
        .contains("\"pin\":\"" + hash("file", Long.toString(SECRET_NUMBER)) + "\"")
        .contains("\"flag_b7\":\"" + hash("file", "true") + "\"")
        .contains("\"type\":\"request\"", "\"type\":\"response\"")
        .contains("\"path\":\"secret/data/app/db\"", "\"mount_point\":\"secret/\"")
        .contains("\"operation\":\"read\"", "\"remote_address\":\"127.0.0.1\"");

    AuditChainVerifier.Result ok = AuditChainVerifier.verify(List.of(log));
    assertThat(ok.intact()).as(ok.message()).isTrue();
    assertThat(ok.entries()).isEqualTo(Files.readAllLines(log).size());
  }

  @Test
  void theVerifierFailsAtTheRightLineAfterEditingDeletingOrSwappingARealLine() throws IOException {
    Path log = enableFileDevice("file", dir.resolve("audit.log"));
    for (int i = 0; i < 4; i++) {
      api.post("secret/data/chain" + i, "{\"data\":{\"v\":" + i + "}}");
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines.size()).isGreaterThan(8);

    List<String> edited = new ArrayList<>(lines);
    edited.set(3, edited.get(3).replace("\"operation\":\"", "\"operation\":\"x"));
    assertBrokenAt(edited, 4, "edited");

    List<String> deleted = new ArrayList<>(lines);
    deleted.remove(5);
    assertBrokenAt(deleted, 6, "deleted");

    List<String> swapped = new ArrayList<>(lines);
    Collections.swap(swapped, 6, 7);
    assertBrokenAt(swapped, 7, "reordered");
  }

  @Test
  void withTheOnlyDeviceUnwritableRequestsAreRefusedAndNothingIsServed() throws IOException {
    Path logs = dir.resolve("logs");
    enableFileDevice("file", logs.resolve("audit.log"));
    Files.delete(logs.resolve("audit.log"));
    Files.delete(logs);
    Files.writeString(logs, "a regular file where the directory was");
    sleepPastPathCheck();

    Answer write = api.post("secret/data/unaudited", "{\"data\":{\"v\":\"x\"}}");
    assertThat(write.status()).isEqualTo(500);
    assertThat(write.errors()).contains("no audit device could record the request");
    assertThat(api.get("secret/data/unaudited").status()).isEqualTo(500);

    Answer health = api.get("sys/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().get("audit_devices_down").toString()).isEqualTo("[\"file/\"]");

    Files.delete(logs); // the directory can be created again: the device recovers
    assertThat(api.delete("sys/audit/file").status()).isEqualTo(204);
    assertThat(api.get("sys/health").body().get("audit_devices_down").size()).isZero();
    assertThat(api.get("secret/data/unaudited").status()).isEqualTo(404);
    assertThat(api.get("sys/audit").data().size()).isZero();
  }

  @Test
  void aDeviceThatIsDownShowsInMetricsWhileAnotherKeepsRecording() throws IOException {
    enableFileDevice("good", dir.resolve("good.log"));
    Path logs = dir.resolve("bad-logs");
    enableFileDevice("bad", logs.resolve("audit.log"));
    Files.delete(logs.resolve("audit.log"));
    Files.delete(logs);
    Files.writeString(logs, "a regular file where the directory was");
    sleepPastPathCheck();
    try {
      assertThat(api.post("secret/data/metrics", "{\"data\":{\"v\":\"x\"}}").status())
          .as("one device still records, so the request is served")
          .isEqualTo(200);
      JsonNode gauges = api.get("sys/metrics").data().get("Gauges");
      assertThat(gauges.toString())
          .contains(
              "{\"Name\":\"coffer.audit.device.up\",\"Value\":0,\"Labels\":{\"path\":\"bad/\"}}")
          .contains(
              "{\"Name\":\"coffer.audit.device.up\",\"Value\":1,\"Labels\":{\"path\":\"good/\"}}")
          .contains("{\"Name\":\"coffer.audit.devices_down\",\"Value\":1,\"Labels\":{}}");
    } finally {
      Files.delete(logs);
      api.delete("sys/audit/bad");
      api.delete("sys/audit/good");
    }
  }

  @Test
  void devicesAreListedInVaultShapeAndAuditHashAnswersAHash() {
    Path file = dir.resolve("a.log");
    enableFileDevice("team/file", file);
    JsonNode list = api.get("sys/audit").data();
    JsonNode row = list.get("team/file/");
    assertThat(row.get("type").asText()).isEqualTo("file");
    assertThat(row.get("path").asText()).isEqualTo("team/file/");
    assertThat(row.get("local").asBoolean()).isFalse();
    assertThat(row.get("options").get("file_path").asText()).isEqualTo(file.toString());
    assertThat(row.get("status").asText()).isEqualTo("ok");
    assertThat(row.has("salt")).isFalse();

    assertThat(hash("team/file", "abc")).matches("hmac-sha256:[0-9a-f]{64}");
    assertThat(api.post("sys/audit-hash/none", "{\"input\":\"a\"}").errors())
        .contains("unknown audit backend");
    Answer again =
        api.put(
            "sys/audit/team/file",
            "{\"type\":\"file\",\"options\":{\"file_path\":\"" + dir.resolve("b.log") + "\"}}");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errors()).contains("path already in use");
  }

  @Test
  void theAccessLogListsWritesReadsAndFailuresNewestFirstWithoutValues() {
    api.post("secret/data/app/x", "{\"data\":{\"v\":\"" + SECRET_STRING + "\"}}");
    api.get("secret/data/app/x");
    api.get("secret/data/app/x?version=9");

    Answer a = api.get("sys/access-log/secret/data/app/x");
    assertThat(a.status()).as(a.raw()).isEqualTo(200);
    JsonNode entries = a.data().get("entries");
    assertThat(entries.size()).isEqualTo(3);
    assertThat(entries.get(0).get("outcome").asText()).isEqualTo("error");
    assertThat(entries.get(1).get("operation").asText()).isEqualTo("read");
    assertThat(entries.get(1).get("outcome").asText()).isEqualTo("allowed");
    assertThat(entries.get(2).get("operation").asText()).isIn("create", "update");
    assertThat(entries.get(2).get("display_name").asText()).isEqualTo("root");
    assertThat(entries.get(2).get("remote_address").asText()).isEqualTo("127.0.0.1");
    assertThat(a.raw()).doesNotContain(SECRET_STRING, TestServers.ROOT);

    assertThat(api.get("sys/access-log/secret/data/app/x?limit=1").data().get("entries").size())
        .isEqualTo(1);
  }

  @Test
  void readsRefusedForABadTokenOrAMissingGrantAreRecordedAsDenied() {
    api.post("secret/data/app/guarded", "{\"data\":{\"v\":\"" + SECRET_STRING + "\"}}");
    String weak =
        api.post("auth/token/create", "{\"policies\":[\"default\"]}")
            .body()
            .get("auth")
            .get("client_token")
            .asText();
    assertThat(api.withToken(weak).get("secret/data/app/guarded").status()).isEqualTo(403);
    assertThat(api.withToken("cfs.bogus").get("secret/data/app/guarded").status()).isEqualTo(403);

    JsonNode entries = api.get("sys/access-log/secret/data/app/guarded").data().get("entries");
    assertThat(entries.size()).isEqualTo(3);
    assertThat(entries.get(0).get("outcome").asText()).isEqualTo("denied");
    assertThat(entries.get(0).get("accessor").asText()).isEmpty();
    assertThat(entries.get(1).get("outcome").asText()).isEqualTo("denied");
    assertThat(entries.get(1).get("accessor").asText()).isNotEmpty();
    assertThat(entries.get(2).get("outcome").asText()).isEqualTo("allowed");
  }

  private Path enableFileDevice(String path, Path file) {
    Answer a =
        api.put(
            "sys/audit/" + path,
            "{\"type\":\"file\",\"description\":\"test\",\"options\":{\"file_path\":\""
                + file
                + "\"}}");
    assertThat(a.status()).as(a.raw()).isEqualTo(204);
    return file;
  }

  private String hash(String device, String input) {
    Answer a = api.post("sys/audit-hash/" + device, "{\"input\":\"" + input + "\"}");
    assertThat(a.status()).as(a.raw()).isEqualTo(200);
    return a.data().get("hash").asText();
  }

  private void assertBrokenAt(List<String> lines, int line, String word) throws IOException {
    Path copy = Files.createTempFile(dir, "tampered", ".log");
    Files.writeString(copy, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    AuditChainVerifier.Result r = AuditChainVerifier.verify(List.of(copy));
    assertThat(r.intact()).isFalse();
    assertThat(r.line()).as(r.message()).isEqualTo(line);
    assertThat(r.message()).contains("line " + line, word);
  }
}
