package dev.coffer.backend.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamicCredentialsTest extends PostgresEngineTest {

  @Test
  void issuedCredentialsLogInToPostgres() {
    writeConfig("pg", "readonly");
    writeRole("readonly", "pg", Map.of("default_ttl", "30m", "max_ttl", "2h"));

    Response creds = db.read("creds/readonly");

    assertThat(username(creds)).startsWith("v--readonly-").hasSizeLessThanOrEqualTo(63);
    assertThat(TestPostgres.canLogIn(username(creds), password(creds))).isTrue();
    assertThat(creds.lease().kind()).isEqualTo("creds");
    assertThat(creds.lease().ttl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(creds.lease().maxTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(creds.lease().renewable()).isTrue();
    assertThat(TestPostgres.validUntil(username(creds)))
        .hasValueSatisfying(
            t ->
                assertThat(t)
                    .isCloseTo(
                        clock.instant().plus(Duration.ofMinutes(30)),
                        within(1, ChronoUnit.SECONDS)));
  }

  @Test
  void zeroTtlsTakeTheMountDefaults() {
    writeConfig("pg", "*");
    writeRole("app", "pg", Map.of());

    Response creds = db.read("creds/app");

    assertThat(creds.lease().ttl()).isEqualTo(MOUNT_DEFAULT_TTL);
    assertThat(creds.lease().maxTtl()).isEqualTo(MOUNT_MAX_TTL);
  }

  @Test
  void afterRevokeLeaseTheUserCannotLogIn() {
    writeConfig("pg", "app");
    writeRole("app", "pg", Map.of());
    Response creds = db.read("creds/app");

    List<String> warnings = engine.revokeLease(leaseOf(creds, "creds/app"));

    assertThat(warnings).isEmpty();
    assertThat(TestPostgres.canLogIn(username(creds), password(creds))).isFalse();
    assertThat(TestPostgres.userExists(username(creds))).isFalse();
  }

  @Test
  void theDefaultRevocationDropsAUserThatHasGrantsAndOwnsObjects() {
    TestPostgres.execute("CREATE TABLE IF NOT EXISTS revocation_probe (id int)");
    writeConfig("pg", "owner");
    writeRole(
        "owner",
        "pg",
        Map.of(
            "creation_statements",
            List.of(
                CREATE_USER,
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"{{name}}\";"
                    + " GRANT CREATE ON SCHEMA public TO \"{{name}}\";"
                    + " CREATE TABLE \"owned_by_{{name}}\" (id int);"
                    + " ALTER TABLE \"owned_by_{{name}}\" OWNER TO \"{{name}}\"")));
    Response creds = db.read("creds/owner");

    assertThat(engine.revokeLease(leaseOf(creds, "creds/owner"))).isEmpty();

    assertThat(TestPostgres.userExists(username(creds))).isFalse();
  }

  @Test
  void renewMovesValidUntil() {
    writeConfig("pg", "app");
    writeRole("app", "pg", Map.of("default_ttl", "1h", "max_ttl", "24h"));
    Response creds = db.read("creds/app");
    Instant later = clock.instant().plus(Duration.ofHours(5));

    engine.renewLease(leaseOf(creds, "creds/app"), later);

    assertThat(TestPostgres.validUntil(username(creds))).hasValue(later);
    assertThat(TestPostgres.canLogIn(username(creds), password(creds))).isTrue();
  }

  @Test
  void revokingAUserDroppedByHandSucceedsWithAWarning() {
    writeConfig("pg", "app");
    writeRole("app", "pg", Map.of());
    Response creds = db.read("creds/app");
    TestPostgres.execute("DROP ROLE \"" + username(creds) + "\"");

    List<String> warnings = engine.revokeLease(leaseOf(creds, "creds/app"));

    assertThat(warnings).singleElement().asString().contains(username(creds), "no longer exists");
  }

  @Test
  void aRoleChangedOrDeletedAfterIssueStillRevokesWithTheStatementsOfIssueTime() {
    writeConfig("pg", "app");
    writeRole("app", "pg", Map.of("revocation_statements", "DROP ROLE \"{{name}}\";"));
    Response creds = db.read("creds/app");
    IssuedLease lease = leaseOf(creds, "creds/app");
    db.write("roles/app", Map.of("revocation_statements", "SELECT no_such_function('{{name}}')"));
    db.delete("roles/app");

    assertThat(engine.revokeLease(lease)).isEmpty();

    assertThat(TestPostgres.userExists(username(creds))).isFalse();
  }

  @Test
  void aFailingRevocationThrowsSoTheServerRetries() {
    writeConfig("pg", "app");
    writeRole("app", "pg", Map.of("revocation_statements", "SELECT no_such_function('{{name}}')"));
    Response creds = db.read("creds/app");

    assertThatThrownBy(() -> engine.revokeLease(leaseOf(creds, "creds/app")))
        .isInstanceOf(CofferException.class)
        .hasMessageContaining("failed to revoke user")
        .hasMessageContaining("no_such_function");
    assertThat(TestPostgres.canLogIn(username(creds), password(creds))).isTrue();
  }

  @Test
  void anUnknownRoleIsABadRequest() {
    assertThatThrownBy(() -> db.read("creds/nope"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessage("unknown role: nope");
  }

  @Test
  void aRoleWhoseDatabaseConfigDoesNotExistIsABadRequest() {
    writeRole("app", "missing-db", Map.of());

    assertThatThrownBy(() -> db.read("creds/app"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("database configuration \"missing-db\"")
        .hasMessageContaining("not found");
  }

  @Test
  void aRoleNotInAllowedRolesIsABadRequest() {
    writeConfig("pg", "reporting-*");
    writeRole("reporting-ro", "pg", Map.of());
    writeRole("app", "pg", Map.of());

    assertThat(username(db.read("creds/reporting-ro"))).startsWith("v--reportin-");
    assertThatThrownBy(() -> db.read("creds/app"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("\"app\" is not an allowed role");
  }

  @Test
  void aFailingCreationStatementIsABadRequestThatDoesNotShowThePassword() {
    writeConfig("pg", "app");
    writeRole(
        "app",
        "pg",
        Map.of("creation_statements", List.of(CREATE_USER, "SELECT '{{password}}'::int")));

    assertThatThrownBy(() -> db.read("creds/app"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("failed to create a user for role \"app\"")
        .hasMessageContaining("invalid input syntax")
        .hasMessageContaining(PostgresUrl.REDACTED)
        .hasNoCause();
  }

  @Test
  void aFailedCreationLeavesNoUserBehind() {
    writeConfig("pg", "rollbk");
    writeRole(
        "rollbk",
        "pg",
        Map.of("creation_statements", List.of(CREATE_USER, "SELECT no_such_function()")));

    assertThatThrownBy(() -> db.read("creds/rollbk")).isInstanceOf(CofferException.class);

    assertThat(TestPostgres.countRolesStartingWith("v--rollbk-")).isZero();
  }
}
