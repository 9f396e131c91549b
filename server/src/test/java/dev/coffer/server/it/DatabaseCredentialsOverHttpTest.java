package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.backend.database.TestPostgres;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.PostgresMount.Creds;
import dev.coffer.server.it.VaultApi.Answer;
import dev.coffer.spi.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code database} engine over real HTTP against a real PostgreSQL: dynamic users with leases
 * that are renewed, revoked and expire through {@code sys/leases}, static roles that rotate, and a
 * mount whose disabling takes its users back. Time is the test's ({@link MutableClock}).
 */
class DatabaseCredentialsOverHttpTest {
  @TempDir Path dir;
  private MutableClock clock;
  private CofferServer server;
  private VaultApi root;
  private PostgresMount db;

  @BeforeEach
  void start() {
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    server = TestServers.dev(clock);
    root = TestServers.api(server, TestServers.ROOT);
    db = PostgresMount.enable(root, "database");
    db.dynamicRole("readonly", "1h", "2h");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void credentialsComeWithALeaseAndLogIn() {
    Creds creds = db.creds(root, "readonly");

    JsonNode body = creds.answer().body();
    assertThat(creds.leaseId()).startsWith("database/creds/readonly/");
    assertThat(body.get("lease_duration").asLong()).isEqualTo(3600);
    assertThat(body.get("renewable").asBoolean()).isTrue();
    assertThat(creds.username()).startsWith("v-").hasSizeLessThanOrEqualTo(63);
    assertThat(creds.canLogIn()).isTrue();
    assertThat(TestPostgres.validUntil(creds.username()).orElseThrow())
        .isCloseTo(clock.instant().plus(Duration.ofHours(1)), within(2, ChronoUnit.SECONDS));
  }

  @Test
  void renewingExtendsTheLeaseUpToItsMaxTtlAndMovesValidUntil() {
    Instant issued = clock.instant();
    Creds creds = db.creds(root, "readonly");
    clock.advance(Duration.ofMinutes(10));

    Answer renewed =
        root.put(
            "sys/leases/renew", "{\"lease_id\":\"" + creds.leaseId() + "\",\"increment\":\"3h\"}");

    assertThat(renewed.status()).as(renewed.raw()).isEqualTo(200);
    assertThat(renewed.body().get("lease_id").asText()).isEqualTo(creds.leaseId());
    assertThat(renewed.body().get("lease_duration").asLong())
        .as("capped at issue time + max_ttl (2h), 10 minutes later")
        .isEqualTo(Duration.ofMinutes(110).toSeconds());
    assertThat(renewed.body().get("warnings").toString()).contains("capped");
    assertThat(TestPostgres.validUntil(creds.username()).orElseThrow())
        .isCloseTo(issued.plus(Duration.ofHours(2)), within(2, ChronoUnit.SECONDS));
    assertThat(creds.canLogIn()).isTrue();
  }

  @Test
  void revokingTheLeaseDropsTheUser() {
    Creds creds = db.creds(root, "readonly");

    Answer revoked = root.put("sys/leases/revoke", leaseBody(creds.leaseId()));

    assertThat(revoked.status()).as(revoked.raw()).isEqualTo(204);
    assertThat(creds.canLogIn()).isFalse();
    assertThat(TestPostgres.userExists(creds.username())).isFalse();
    assertThat(root.put("sys/leases/lookup", leaseBody(creds.leaseId())).status()).isEqualTo(400);
  }

  @Test
  void aLeaseLeftToExpireDropsTheUser() {
    Creds creds = db.creds(root, "readonly");
    assertThat(creds.canLogIn()).isTrue();

    clock.advance(Duration.ofHours(1).plusSeconds(1));
    server.core().runPeriodicTasks();

    // The server's own ticker may hold the lease at this moment; it finishes it in the background.
    Eventually.until(
        "the expired user is dropped",
        Duration.ofSeconds(10),
        () -> !TestPostgres.userExists(creds.username()));
    assertThat(creds.canLogIn()).isFalse();
    Eventually.until(
        "the lease is gone",
        Duration.ofSeconds(10),
        () -> root.put("sys/leases/lookup", leaseBody(creds.leaseId())).status() == 400);
  }

  @Test
  void revokingAUserSomeoneDroppedByHandSucceedsWithAnAuditedWarning() {
    AuditFile audit = AuditFile.enable(root, dir.resolve("audit.log"));
    Creds creds = db.creds(root, "readonly");
    TestPostgres.execute("DROP ROLE \"" + creds.username() + "\"");

    Answer revoked = root.put("sys/leases/revoke", leaseBody(creds.leaseId()));

    assertThat(revoked.status()).as(revoked.raw()).isEqualTo(204);
    assertThat(root.put("sys/leases/lookup", leaseBody(creds.leaseId())).status()).isEqualTo(400);
    List<JsonNode> warnings = audit.warnings("lease_revoked_with_warnings");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).get("lease_id").asText()).isEqualTo(creds.leaseId());
    assertThat(warnings.get(0).get("warnings").toString())
        .contains(creds.username())
        .contains("no longer exists");
  }

  @Test
  void aStaticRoleRotatesOnRequestAndTheOldPasswordStopsWorking() {
    String user = TestPostgres.newUser("initial-password");
    db.staticRole("app", user);
    String first = db.staticPassword("app");
    assertThat(TestPostgres.canLogIn(user, "initial-password"))
        .as("creating the role set a new password at once")
        .isFalse();
    assertThat(TestPostgres.canLogIn(user, first)).isTrue();

    Answer rotated = root.post("database/rotate-role/app", "{}");

    assertThat(rotated.status()).as(rotated.raw()).isIn(200, 204);
    String second = db.staticPassword("app");
    assertThat(second).isNotEqualTo(first);
    assertThat(TestPostgres.canLogIn(user, second)).isTrue();
    assertThat(TestPostgres.canLogIn(user, first)).isFalse();
  }

  @Test
  void disablingTheMountRevokesItsLeases() {
    Creds one = db.creds(root, "readonly");
    Creds two = db.creds(root, "readonly");

    Answer disabled = root.delete("sys/mounts/database");

    assertThat(disabled.status()).as(disabled.raw()).isEqualTo(204);
    assertThat(TestPostgres.userExists(one.username())).isFalse();
    assertThat(TestPostgres.userExists(two.username())).isFalse();
    assertThat(one.canLogIn()).isFalse();
    assertThat(root.get("sys/leases/count?type=all").data().get("lease_count").asLong()).isZero();
  }

  private static String leaseBody(String leaseId) {
    return "{\"lease_id\":\"" + leaseId + "\"}";
  }
}
