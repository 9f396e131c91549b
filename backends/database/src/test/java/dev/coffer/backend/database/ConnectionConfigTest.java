package dev.coffer.backend.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionConfigTest extends PostgresEngineTest {

  @Test
  void aConfigReadNeverShowsThePassword() {
    writeConfig("pg", "app", "reporting-*");

    Response r = db.read("config/pg");

    assertThat(r.data().toString()).doesNotContain(admin.password());
    assertThat(r.data())
        .doesNotContainKey("password")
        .containsEntry("plugin_name", "postgresql-database-plugin")
        .containsEntry("allowed_roles", List.of("app", "reporting-*"))
        .containsEntry("verify_connection", true);
    assertThat(r.data().get("connection_details"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("connection_url", TestPostgres.urlTemplate())
        .containsEntry("username", admin.name())
        .doesNotContainKey("password");
  }

  @Test
  void aPasswordWrittenIntoTheUrlIsMaskedOnRead() {
    db.write(
        "config/literal",
        Map.of(
            "plugin_name", "postgresql",
            "connection_url", "postgresql://someone:hunter2@127.0.0.1:1/postgres",
            "verify_connection", false));

    Map<?, ?> details = (Map<?, ?>) db.read("config/literal").data().get("connection_details");

    assertThat(details.get("connection_url"))
        .isEqualTo("postgresql://someone:*****@127.0.0.1:1/postgres");
  }

  @Test
  void aWrongPasswordFailsTheWriteWithABadRequestThatDoesNotShowIt() {
    assertThatThrownBy(() -> writeConfig("pg", Map.of("password", "wrong-secret-123")))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("error verifying connection to \"pg\"")
        .hasMessageContaining("password authentication failed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret-123"));
    assertThatThrownBy(() -> db.read("config/pg"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void anUnreachableDatabaseFailsTheWriteWithABadRequest() {
    assertThatThrownBy(
            () ->
                writeConfig(
                    "pg",
                    Map.of(
                        "connection_url",
                        "postgresql://{{username}}:{{password}}@127.0.0.1:1/postgres")))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("error verifying connection to \"pg\"")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(admin.password()));
  }

  @Test
  void aMalformedConnectionUrlIsABadRequest() {
    assertThatThrownBy(() -> writeConfig("pg", Map.of("connection_url", "mysql:/nope")))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("connection_url must be a postgresql:// URL");
  }

  @Test
  void anotherPluginIsABadRequest() {
    assertThatThrownBy(() -> writeConfig("pg", Map.of("plugin_name", "mysql-database-plugin")))
        .isInstanceOf(CofferException.class)
        .hasMessageContaining("unsupported plugin_name \"mysql-database-plugin\"");
  }

  @Test
  void withoutVerificationAConfigIsSavedWithoutConnecting() {
    db.write(
        "config/later",
        Map.of(
            "plugin_name", "postgresql-database-plugin",
            "connection_url", "postgresql://{{username}}:{{password}}@127.0.0.1:1/postgres",
            "username", "someone",
            "password", "pw",
            "verify_connection", false));

    assertThat(db.listKeys("config")).containsExactly("later");
  }

  @Test
  void anUpdateKeepsTheFieldsItDoesNotSend() {
    writeConfig("pg", "app");

    db.write("config/pg", Map.of("allowed_roles", "app,other"));

    assertThat(db.read("config/pg").data()).containsEntry("allowed_roles", List.of("app", "other"));
    writeRole("other", "pg", Map.of());
    assertThat(TestPostgres.canLogIn(username(db.read("creds/other")), "nope")).isFalse();
  }

  @Test
  void rotateRootChangesTheRootPasswordAndTheEngineKeepsWorking() {
    writeConfig("pg", "app");
    writeRole("app", "pg", Map.of());
    db.read("creds/app");

    db.write("rotate-root/pg", Map.of());

    assertThat(TestPostgres.canLogIn(admin.name(), admin.password())).isFalse();
    Response creds = db.read("creds/app");
    assertThat(TestPostgres.canLogIn(username(creds), password(creds))).isTrue();
    assertThat(engine.revokeLease(leaseOf(creds, "creds/app"))).isEmpty();
  }

  @Test
  void deletingAConfigClosesItAndItsRolesCannotIssueCredentials() {
    writeConfig("pg", "app");
    writeRole("app", "pg", Map.of());
    db.read("creds/app");

    db.delete("config/pg");

    assertThatThrownBy(() -> db.list("config"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> db.read("creds/app"))
        .isInstanceOf(CofferException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void rolesAreListedAndReadBackWithTheirStatements() {
    db.write(
        "roles/ro",
        Map.of(
            "db_name", "pg",
            "creation_statements", "CREATE ROLE \"{{name}}\"; GRANT SELECT ON t TO \"{{name}}\";",
            "default_ttl", "1h",
            "max_ttl", 86400));

    assertThat(db.listKeys("roles")).containsExactly("ro");
    assertThat(db.read("roles/ro").data())
        .containsEntry("db_name", "pg")
        .containsEntry(
            "creation_statements",
            List.of("CREATE ROLE \"{{name}}\"; GRANT SELECT ON t TO \"{{name}}\";"))
        .containsEntry("default_ttl", 3600L)
        .containsEntry("max_ttl", 86400L)
        .containsEntry("revocation_statements", List.of());
  }

  @Test
  void aRoleNeedsADatabaseAndCreationStatements() {
    assertThatThrownBy(() -> db.write("roles/x", Map.of("creation_statements", "SELECT 1")))
        .hasMessage("db_name is required");
    assertThatThrownBy(() -> db.write("roles/x", Map.of("db_name", "pg")))
        .hasMessage("creation_statements are required");
    assertThatThrownBy(
            () ->
                db.write(
                    "roles/x",
                    Map.of(
                        "db_name", "pg",
                        "creation_statements", "SELECT 1",
                        "default_ttl", "2h",
                        "max_ttl", "1h")))
        .hasMessage("default_ttl cannot be greater than max_ttl");
  }
}
