package dev.coffer.backend.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Response;
import dev.coffer.spi.Rotation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StaticRolesTest extends PostgresEngineTest {
  private static final String FIRST_PASSWORD = "first-password-1";
  private String user;

  @BeforeEach
  void existingUser() {
    user = TestPostgres.newUser(FIRST_PASSWORD);
    writeConfig("pg", "app", "other");
  }

  private void writeStaticRole(String name) {
    db.write(
        "static-roles/" + name, Map.of("db_name", "pg", "username", user, "rotation_period", "1h"));
  }

  private String currentPassword(String role) {
    return password(db.read("static-creds/" + role));
  }

  @Test
  void creatingAStaticRoleSetsANewPasswordAtOnce() {
    writeStaticRole("app");

    Response creds = db.read("static-creds/app");

    assertThat(creds.data())
        .containsEntry("username", user)
        .containsEntry("rotation_period", 3600L)
        .containsEntry("ttl", 3600L)
        .containsEntry("last_vault_rotation", clock.instant().toString());
    assertThat(TestPostgres.canLogIn(user, password(creds))).isTrue();
    assertThat(TestPostgres.canLogIn(user, FIRST_PASSWORD)).isFalse();
    assertThat(db.read("static-roles/app").data())
        .containsEntry("username", user)
        .doesNotContainKey("password");
  }

  @Test
  void rotateRoleChangesThePasswordAndTheOldOneStopsWorking() {
    writeStaticRole("app");
    String before = currentPassword("app");

    db.write("rotate-role/app", Map.of());

    String after = currentPassword("app");
    assertThat(after).isNotEqualTo(before);
    assertThat(TestPostgres.canLogIn(user, after)).isTrue();
    assertThat(TestPostgres.canLogIn(user, before)).isFalse();
  }

  @Test
  void periodicRotatesOnlyWhenTheRotationPeriodIsDue() {
    writeStaticRole("app");
    String before = currentPassword("app");

    clock.advance(Duration.ofMinutes(59));
    engine.periodic(clock.instant());
    assertThat(currentPassword("app")).isEqualTo(before);
    assertThat(db.read("static-creds/app").data()).containsEntry("ttl", 60L);

    clock.advance(Duration.ofMinutes(1));
    engine.periodic(clock.instant());
    String after = currentPassword("app");
    assertThat(after).isNotEqualTo(before);
    assertThat(TestPostgres.canLogIn(user, after)).isTrue();
    assertThat(TestPostgres.canLogIn(user, before)).isFalse();
  }

  @Test
  void rotateAllRotatesEveryStaticRole() {
    writeStaticRole("app");
    String before = currentPassword("app");

    List<Rotation> rotations = engine.rotateAll();

    assertThat(rotations).containsExactly(Rotation.rotated("static-roles/app"));
    assertThat(TestPostgres.canLogIn(user, before)).isFalse();
    assertThat(TestPostgres.canLogIn(user, currentPassword("app"))).isTrue();
  }

  @Test
  void aStaticRoleForAUserThatDoesNotExistIsRefusedAndNotSaved() {
    assertThatThrownBy(
            () ->
                db.write(
                    "static-roles/other",
                    Map.of("db_name", "pg", "username", "no_such_user", "rotation_period", "1h")))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> db.read("static-roles/other"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aStaticRoleMustBeAllowedByItsConfig() {
    assertThatThrownBy(
            () ->
                db.write(
                    "static-roles/forbidden",
                    Map.of("db_name", "pg", "username", user, "rotation_period", "1h")))
        .hasMessageContaining("\"forbidden\" is not an allowed role");
  }

  @Test
  void staticAndDynamicRoleNamesMustBeUnique() {
    writeStaticRole("app");

    assertThatThrownBy(() -> writeRole("app", "pg", Map.of()))
        .hasMessage("Role and static role names must be unique");
  }

  @Test
  void theUsernameOfAStaticRoleCannotChange() {
    writeStaticRole("app");

    assertThatThrownBy(() -> db.write("static-roles/app", Map.of("username", "someone_else")))
        .hasMessage("cannot update static role username");
  }

  @Test
  void aRotationPeriodUnderFiveSecondsIsRefused() {
    assertThatThrownBy(
            () ->
                db.write(
                    "static-roles/app",
                    Map.of("db_name", "pg", "username", user, "rotation_period", "2s")))
        .hasMessage("rotation_period must be 5 seconds or more");
  }
}
