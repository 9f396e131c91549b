package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.CofferServer;
import dev.coffer.server.core.audit.AuditChainVerifier;
import dev.coffer.server.it.VaultApi.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audit devices and the access log live in the barrier and survive a restart with the chain. */
class AuditRestartOverHttpTest {
  @TempDir Path dir;

  @Test
  void theDeviceIsReopenedAfterARestartAndItsChainContinues() throws IOException {
    Path db = dir.resolve("coffer.db");
    Path key = dir.resolve("seal.key");
    Path log = dir.resolve("audit.log");
    String rootToken;
    String hashBefore;
    try (CofferServer server = TestServers.sqliteWithStaticSeal(db, key)) {
      VaultApi anonymous = TestServers.api(server, null);
      rootToken = anonymous.put("sys/init", "{}").body().get("root_token").asText();
      VaultApi root = anonymous.withToken(rootToken);
      root.post("sys/mounts/secret", "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}");
      Answer enable =
          root.put(
              "sys/audit/file", "{\"type\":\"file\",\"options\":{\"file_path\":\"" + log + "\"}}");
      assertThat(enable.status()).as(enable.raw()).isEqualTo(204);
      assertThat(root.post("secret/data/app", "{\"data\":{\"pw\":\"one\"}}").status())
          .isEqualTo(200);
      hashBefore =
          root.post("sys/audit-hash/file", "{\"input\":\"x\"}").data().get("hash").asText();
    }
    int linesBefore = Files.readAllLines(log, StandardCharsets.UTF_8).size();

    try (CofferServer server = TestServers.sqliteWithStaticSeal(db, key)) {
      VaultApi root = TestServers.api(server, rootToken);
      assertThat(root.get("sys/audit").data().has("file/")).isTrue();
      assertThat(root.post("sys/audit-hash/file", "{\"input\":\"x\"}").data().get("hash").asText())
          .as("the salt is kept in the barrier")
          .isEqualTo(hashBefore);
      assertThat(root.get("secret/data/app").status()).isEqualTo(200);
      Answer history = root.get("sys/access-log/secret/data/app");
      assertThat(history.data().get("entries").size()).isEqualTo(2);
    }

    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines.size()).isGreaterThan(linesBefore);
    assertThat(lines.get(linesBefore)).doesNotContain("audit_chain");
    AuditChainVerifier.Result r = AuditChainVerifier.verify(List.of(log));
    assertThat(r.intact()).as(r.message()).isTrue();
    assertThat(r.entries()).isEqualTo(lines.size());
  }
}
