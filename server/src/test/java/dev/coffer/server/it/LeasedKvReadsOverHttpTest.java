package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import dev.coffer.spi.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KV version 2 with leased reads and a password generator over real HTTP: a read answers a lease,
 * and the end of that lease (revoked, or expired by the test's clock) rotates the secret.
 */
class LeasedKvReadsOverHttpTest {
  private MutableClock clock;
  private CofferServer server;
  private VaultApi root;

  @BeforeEach
  void start() {
    clock = new MutableClock(Instant.now());
    server = TestServers.dev(clock);
    root = TestServers.api(server, TestServers.ROOT);
    ok(
        root.post(
            "sys/mounts/agents",
            "{\"type\":\"kv\",\"options\":{\"version\":\"2\",\"lease_reads\":\"true\","
                + "\"lease_ttl\":\"15m\",\"rotate_generator\":\"password\"}}"));
    ok(root.post("agents/data/db", "{\"data\":{\"user\":\"app\",\"password\":\"initial\"}}"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aReadAnswersALease() {
    Answer read = root.get("agents/data/db");

    assertThat(read.status()).as(read.raw()).isEqualTo(200);
    assertThat(read.body().get("lease_id").asText()).startsWith("agents/data/db/");
    assertThat(read.body().get("lease_duration").asLong()).isEqualTo(900);
    assertThat(read.body().get("renewable").asBoolean()).isTrue();
    assertThat(read.data().get("data").get("password").asText()).isEqualTo("initial");
    assertThat(read.data().get("metadata").get("version").asInt()).isEqualTo(1);
  }

  @Test
  void revokingTheLeaseRotatesTheSecretIntoANewVersionKeepingTheOtherFields() {
    String leaseId = root.get("agents/data/db").body().get("lease_id").asText();

    Answer revoked = root.put("sys/leases/revoke", "{\"lease_id\":\"" + leaseId + "\"}");

    assertThat(revoked.status()).as(revoked.raw()).isEqualTo(204);
    assertRotatedOnce();
  }

  @Test
  void anExpiredLeaseRotatesTheSecret() {
    root.get("agents/data/db");

    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    server.core().runPeriodicTasks();

    Eventually.until(
        "the secret is rotated",
        Duration.ofSeconds(10),
        () ->
            currentVersion() == 2
                && root.get("sys/leases/count?type=all").data().get("lease_count").asLong() == 0);
    assertRotatedOnce();
  }

  @Test
  void threeReadsOfOneVersionRotateItOnce() {
    for (int i = 0; i < 3; i++) {
      root.get("agents/data/db");
    }

    ok(root.put("sys/leases/revoke-prefix/agents/data/db", "{}"));

    assertRotatedOnce();
  }

  private void assertRotatedOnce() {
    JsonNode metadata = root.get("agents/metadata/db").data();
    assertThat(metadata.get("current_version").asInt()).isEqualTo(2);
    assertThat(metadata.has("last_rotated")).as(metadata.toString()).isTrue();
    JsonNode data = root.get("agents/data/db").data().get("data");
    assertThat(data.get("user").asText()).as("other fields are kept").isEqualTo("app");
    assertThat(data.get("password").asText()).isNotEqualTo("initial").hasSizeGreaterThan(10);
  }

  private int currentVersion() {
    return root.get("agents/metadata/db").data().get("current_version").asInt();
  }

  private static void ok(Answer a) {
    assertThat(a.status()).as(a.raw()).isIn(200, 204);
  }
}
