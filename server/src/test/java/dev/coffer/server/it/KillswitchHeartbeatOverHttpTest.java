package dev.coffer.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.coffer.config.CofferConfig;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The killswitch's dead-man heartbeat on a server started from its configuration (SQLite, static
 * seal): while the endpoint (WireMock) answers 200 tokens work; once it answers 503 the server
 * fires the killswitch by itself.
 */
class KillswitchHeartbeatOverHttpTest {
  @TempDir Path dir;
  private WireMockServer monitor;

  @BeforeEach
  void startTheMonitor() {
    monitor = new WireMockServer(options().dynamicPort());
    monitor.start();
    monitor.stubFor(get(urlEqualTo("/alive")).willReturn(aResponse().withStatus(200)));
  }

  @AfterEach
  void stopTheMonitor() {
    monitor.stop();
  }

  @Test
  void whenTheEndpointStopsAnsweringTheKillswitchFiresByItself() {
    try (CofferServer server = CofferServer.start(config())) {
      Eventually.until(
          "the heartbeat reached the endpoint", Duration.ofSeconds(10), () -> checks() >= 1);
      VaultApi anonymous = TestServers.api(server, null);
      Answer init = anonymous.put("sys/init", "{}");
      assertThat(init.status()).as(init.raw()).isEqualTo(200);
      VaultApi root = anonymous.withToken(init.body().get("root_token").asText());
      AuditFile audit = AuditFile.enable(root, dir.resolve("audit.log"));
      Answer created = root.post("auth/token/create", "{\"policies\":[\"default\"]}");
      assertThat(created.status()).as(created.raw()).isEqualTo(200);
      VaultApi token = root.withToken(created.body().get("auth").get("client_token").asText());

      int checksSoFar = checks();
      Eventually.until(
          "the heartbeat checks a few more times",
          Duration.ofSeconds(10),
          () -> checks() >= checksSoFar + 3);
      assertThat(token.get("auth/token/lookup-self").status())
          .as("the endpoint answers 200: nothing fired")
          .isEqualTo(200);
      assertThat(audit.warnings("killswitch")).isEmpty();

      monitor.stubFor(get(urlEqualTo("/alive")).willReturn(aResponse().withStatus(503)));

      Eventually.until(
          "the token is revoked by the heartbeat",
          Duration.ofSeconds(10),
          () -> token.get("auth/token/lookup-self").status() == 403);
      assertThat(root.get("auth/token/lookup-self").status()).as("root survives").isEqualTo(200);
      Eventually.until(
          "the killswitch finished",
          Duration.ofSeconds(5),
          () -> audit.warnings("killswitch").size() == 4);
      List<JsonNode> steps = audit.warnings("killswitch");
      assertThat(steps.stream().map(s -> s.get("step").asText()))
          .containsExactly("started", "leases_revoked", "tokens_revoked", "finished");
      for (JsonNode s : steps) {
        assertThat(s.get("trigger").asText()).isEqualTo("heartbeat");
      }
      assertThat(steps.get(2).get("revoked").asLong()).isEqualTo(1);
    }
  }

  private int checks() {
    return monitor.findAll(getRequestedFor(urlEqualTo("/alive"))).size();
  }

  private CofferConfig config() {
    return CofferConfig.builder()
        .listenerAddress("127.0.0.1:0")
        .storage("sqlite", Map.of("path", dir.resolve("coffer.db").toString()))
        .seal("static", Map.of("key_path", dir.resolve("seal.key").toString(), "generate", "true"))
        .set("killswitch.heartbeat.url", "http://127.0.0.1:" + monitor.port() + "/alive")
        .set("killswitch.heartbeat.interval", "200ms")
        .set("killswitch.heartbeat.timeout", "2s")
        .set("killswitch.heartbeat.failures", "2")
        .build();
  }
}
