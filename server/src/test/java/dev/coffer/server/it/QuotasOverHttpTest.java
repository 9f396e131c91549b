package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate-limit quotas and the read-rate anomaly guard over real HTTP against a dev server. */
class QuotasOverHttpTest {
  private CofferServer server;
  private VaultApi api;

  @BeforeEach
  void start() {
    server = TestServers.dev();
    api = TestServers.api(server, TestServers.ROOT);
    assertThat(api.post("secret/data/app", "{\"data\":{\"k\":\"v\"}}").status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readsPastTheRateAnswer429AndRecoverAfterTheInterval() throws InterruptedException {
    Answer created =
        api.post(
            "sys/quotas/rate-limit/kv", "{\"path\":\"secret/\",\"rate\":5,\"interval\":\"1s\"}");
    assertThat(created.status()).as(created.raw()).isEqualTo(204);

    Answer refused = null;
    for (int i = 0; i < 50 && refused == null; i++) {
      Answer a = api.get("secret/data/app");
      if (a.status() == 429) {
        refused = a;
      } else {
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
      }
    }
    assertThat(refused).as("a 429 within 50 requests").isNotNull();
    assertThat(refused.errors())
        .isEqualTo("[\"request path \\\"secret/data/app\\\": rate limit quota exceeded\"]");
    assertThat(api.get("sys/quotas/rate-limit/kv").status())
        .as("other mounts are free")
        .isEqualTo(200);

    int status = 429;
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (status == 429 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      status = api.get("secret/data/app").status();
    }
    assertThat(status).as("served again after the interval").isEqualTo(200);
  }

  @Test
  void theAnomalyGuardBlocksATokenThatReadsPastTheThreshold(@TempDir Path dir)
      throws java.io.IOException {
    Path log = dir.resolve("audit.log");
    assertThat(
            api.put(
                    "sys/audit/anomaly-file",
                    "{\"type\":\"file\",\"options\":{\"file_path\":\"" + log + "\"}}")
                .status())
        .isIn(200, 204);
    Answer set =
        api.post(
            "sys/quotas/anomaly",
            "{\"enabled\":true,\"threshold\":3,\"window\":\"1h\",\"action\":\"block\"}");
    assertThat(set.status()).as(set.raw()).isEqualTo(204);

    for (int i = 0; i < 3; i++) {
      assertThat(api.get("secret/data/app").status()).isEqualTo(200);
    }
    Answer blocked = api.get("secret/data/app");
    assertThat(blocked.status()).isEqualTo(429);
    assertThat(blocked.errors())
        .isEqualTo("[\"read rate for this token exceeded the anomaly threshold\"]");
    assertThat(api.post("secret/data/app", "{\"data\":{\"k\":\"w\"}}").status())
        .as("writes are not reads")
        .isEqualTo(200);

    assertThat(api.post("sys/quotas/anomaly", "{\"enabled\":false}").status()).isEqualTo(204);
    assertThat(api.get("secret/data/app").status()).isEqualTo(200);
    assertThat(Files.readAllLines(log))
        .as("the anomaly is recorded as a warning in the audit log")
        .anySatisfy(
            line -> assertThat(line).contains("\"type\":\"warning\"").contains("read_anomaly"));
    assertThat(api.delete("sys/audit/anomaly-file").status()).isIn(200, 204);
  }
}
