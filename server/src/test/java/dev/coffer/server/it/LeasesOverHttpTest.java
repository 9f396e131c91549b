package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.config.CofferConfig;
import dev.coffer.server.CofferServer;
import dev.coffer.server.PluginJars;
import dev.coffer.server.testplugins.leasing.LeasingEngine;
import dev.coffer.server.testplugins.leasing.LeasingPlugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leases over real HTTP: a test engine ({@link LeasingPlugin}, loaded from a plugin jar) hands out
 * leased credentials on a server with SQLite storage, a static seal and fast lease settings.
 */
class LeasesOverHttpTest {
  @TempDir Path dir;
  private Path plugins;

  @BeforeEach
  void writeThePluginJar() throws Exception {
    plugins = java.nio.file.Files.createDirectories(dir.resolve("plugins"));
    PluginJars.write(plugins.resolve("leasing.jar"), LeasingPlugin.class);
  }

  @Test
  void aLeasedSecretCanBeLookedUpRenewedUpToItsMaxAndRevoked() {
    try (CofferServer server = start()) {
      VaultApi root = rootOf(server);
      mountDb(root);

      VaultApi.Answer creds = root.get("db/creds/ro?ttl=60s&max_ttl=90s");
      assertThat(creds.status()).isEqualTo(200);
      String leaseId = creds.body().get("lease_id").asText();
      assertThat(leaseId).startsWith("db/creds/ro/");
      assertThat(creds.body().get("lease_duration").asLong()).isEqualTo(60);
      assertThat(creds.body().get("renewable").asBoolean()).isTrue();

      JsonNode lookup = root.put("sys/leases/lookup", leaseBody(leaseId)).data();
      assertThat(lookup.get("id").asText()).isEqualTo(leaseId);
      assertThat(lookup.get("ttl").asLong()).isBetween(55L, 60L);
      assertThat(lookup.get("last_renewal").isNull()).isTrue();

      VaultApi.Answer renewed =
          root.put("sys/leases/renew", "{\"lease_id\":\"" + leaseId + "\",\"increment\":\"1h\"}");
      assertThat(renewed.status()).isEqualTo(200);
      assertThat(renewed.body().get("lease_id").asText()).isEqualTo(leaseId);
      assertThat(renewed.body().get("lease_duration").asLong()).isBetween(85L, 90L);
      assertThat(renewed.body().get("warnings").toString()).contains("capped");
      assertThat(root.put("sys/renew/" + leaseId, "{}").status()).isEqualTo(200);

      assertThat(root.put("sys/leases/revoke", leaseBody(leaseId)).status()).isEqualTo(204);
      VaultApi.Answer gone = root.put("sys/leases/lookup", leaseBody(leaseId));
      assertThat(gone.status()).isEqualTo(400);
      assertThat(gone.errors()).contains("invalid lease");
      assertThat(root.get("db/users").data().get("live")).isEmpty();
    }
  }

  @Test
  void revokePrefixAndListWorkAndDisablingAMountRevokesItsLeases() {
    try (CofferServer server = start()) {
      VaultApi root = rootOf(server);
      mountDb(root);
      root.get("db/creds/ro");
      root.get("db/creds/ro");
      root.get("db/creds/rw");

      assertThat(root.list("sys/leases/lookup/db/creds/").data().get("keys").toString())
          .isEqualTo("[\"ro/\",\"rw/\"]");
      assertThat(root.put("sys/leases/revoke-prefix/db/creds/ro", "{}").status()).isEqualTo(204);
      assertThat(root.list("sys/leases/lookup/db/creds/").data().get("keys").toString())
          .isEqualTo("[\"rw/\"]");
      assertThat(root.get("db/users").data().get("live")).hasSize(1);
      assertThat(count(root, "all")).isEqualTo(1);

      assertThat(root.delete("sys/mounts/db").status()).isEqualTo(204);
      assertThat(count(root, "all")).isZero();
    }
  }

  @Test
  void aWrappedLeasedSecretShowsItsLeaseWhenUnwrapped() {
    try (CofferServer server = start()) {
      VaultApi root = rootOf(server);
      mountDb(root);

      VaultApi.Answer wrapped = root.withHeader("X-Vault-Wrap-TTL", "60s").get("db/creds/ro");
      String wrapToken = wrapped.body().get("wrap_info").get("token").asText();
      assertThat(count(root, "all"))
          .as("the secret's lease exists once wrapped, beside the wrapping token's")
          .isEqualTo(2);

      VaultApi.Answer unwrapped =
          root.post("sys/wrapping/unwrap", "{\"token\":\"" + wrapToken + "\"}");
      assertThat(unwrapped.body().get("lease_id").asText()).startsWith("db/creds/ro/");
      assertThat(unwrapped.body().get("lease_duration").asLong()).as("768h").isEqualTo(2_764_800);
      assertThat(unwrapped.data().get("username").asText()).startsWith("ro-");
      assertThat(count(root, "all")).as("the wrapping token is gone with its lease").isEqualTo(1);
    }
  }

  @Test
  void aLeaseWhoseRevocationAlwaysFailsEndsIrrevocableAndRevokeForceClearsIt() {
    try (CofferServer server = start()) {
      VaultApi root = rootOf(server);
      mountDb(root);
      root.put("db/config", "{\"fail_revoke\":true}");
      String leaseId = root.get("db/creds/ro?ttl=1s").body().get("lease_id").asText();

      eventually(() -> count(root, "irrevocable") == 1);

      JsonNode list = root.get("sys/leases?type=irrevocable").data();
      assertThat(list.get("leases").get(0).get("lease_id").asText()).isEqualTo(leaseId);
      assertThat(list.get("leases").get(0).get("error").asText())
          .contains("IllegalStateException")
          .doesNotContain(LeasingEngine.SECRET_IN_ERROR);
      assertThat(root.get("sys/metrics").raw())
          .contains("coffer.expire.num_irrevocable_leases")
          .doesNotContain("hunter2");

      assertThat(root.put("sys/leases/revoke-force/db/creds", "{}").status()).isEqualTo(200);
      assertThat(count(root, "irrevocable")).isZero();
      assertThat(count(root, "all")).isZero();
    }
  }

  @Test
  void revokingATokenRevokesTheLeasesItCreated() {
    try (CofferServer server = start()) {
      VaultApi root = rootOf(server);
      mountDb(root);
      String child =
          root.post("auth/token/create", "{\"policies\":[\"root\"],\"ttl\":\"1h\"}")
              .body()
              .get("auth")
              .get("client_token")
              .asText();
      VaultApi holder = root.withToken(child);
      String leaseId = holder.get("db/creds/ro").body().get("lease_id").asText();
      assertThat(count(root, "all")).as("the secret's lease and the token's").isEqualTo(2);

      assertThat(holder.post("auth/token/revoke-self", "").status()).isEqualTo(204);

      eventually(() -> root.put("sys/leases/lookup", leaseBody(leaseId)).status() == 400);
      eventually(() -> root.get("db/users").data().get("live").isEmpty());
      assertThat(count(root, "all")).isZero();
    }
  }

  @Test
  void aRestartKeepsLeasesAndTheyStillExpire() {
    String rootToken;
    String leaseId;
    try (CofferServer server = start()) {
      VaultApi root = rootOf(server);
      rootToken = root.token();
      mountDb(root);
      leaseId = root.get("db/creds/ro?ttl=3s").body().get("lease_id").asText();
    }
    try (CofferServer server = start()) {
      VaultApi root = TestServers.api(server, rootToken);
      assertThat(root.put("sys/leases/lookup", leaseBody(leaseId)).status()).isEqualTo(200);

      eventually(() -> root.put("sys/leases/lookup", leaseBody(leaseId)).status() == 400);
      assertThat(root.get("db/users").data().get("revoked")).hasSize(1);
      assertThat(root.get("db/users").data().get("periodic_calls").asInt()).isPositive();
    }
  }

  private CofferServer start() {
    return CofferServer.start(
        CofferConfig.builder()
            .listenerAddress("127.0.0.1:0")
            .storage("sqlite", Map.of("path", dir.resolve("coffer.db").toString()))
            .seal(
                "static",
                Map.of("key_path", dir.resolve("seal.key").toString(), "generate", "true"))
            .set("plugin_directory", plugins.toString())
            .set("lease.tick", "100ms")
            .set("lease.revoke_backoff_initial", "100ms")
            .set("lease.max_revoke_attempts", "3")
            .set("lease.periodic_interval", "200ms")
            .build());
  }

  private static VaultApi rootOf(CofferServer server) {
    if (!server.core().initialized()) {
      return TestServers.api(server, server.core().initialize(1, 1).rootToken());
    }
    throw new IllegalStateException("already initialised");
  }

  private static void mountDb(VaultApi root) {
    assertThat(root.post("sys/mounts/db", "{\"type\":\"leasing\"}").status()).isEqualTo(204);
  }

  private static long count(VaultApi root, String type) {
    return root.get("sys/leases/count?type=" + type).data().get("lease_count").asLong();
  }

  private static String leaseBody(String leaseId) {
    return "{\"lease_id\":\"" + leaseId + "\"}";
  }

  private static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 15 seconds");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
