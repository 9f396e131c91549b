package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.database.TestPostgres;
import dev.coffer.server.it.VaultApi.Answer;

/**
 * A {@code database} engine mount set up over HTTP against the test's real PostgreSQL ({@link
 * TestPostgres}): the connection {@code pg} as a fresh superuser, dynamic and static roles, and
 * credentials read from it.
 */
final class PostgresMount {
  static final String CREATE =
      "CREATE ROLE \\\"{{name}}\\\" WITH LOGIN PASSWORD '{{password}}'"
          + " VALID UNTIL '{{expiration}}'";

  private final VaultApi api;
  private final String mount;

  private PostgresMount(VaultApi api, String mount) {
    this.api = api;
    this.mount = mount;
  }

  /** Mounts the engine at {@code mount} and configures the connection {@code pg}. */
  static PostgresMount enable(VaultApi root, String mount) {
    ok(root.post("sys/mounts/" + mount, "{\"type\":\"database\"}"));
    TestPostgres.Admin admin = TestPostgres.newAdmin();
    ok(
        root.post(
            mount + "/config/pg",
            "{\"plugin_name\":\"postgresql-database-plugin\",\"connection_url\":\""
                + TestPostgres.urlTemplate()
                + "\",\"username\":\""
                + admin.name()
                + "\",\"password\":\""
                + admin.password()
                + "\",\"allowed_roles\":[\"*\"]}"));
    return new PostgresMount(root, mount);
  }

  /** A dynamic role whose users get {@code VALID UNTIL} the lease's end. */
  void dynamicRole(String role, String defaultTtl, String maxTtl) {
    ok(
        api.post(
            mount + "/roles/" + role,
            "{\"db_name\":\"pg\",\"default_ttl\":\""
                + defaultTtl
                + "\",\"max_ttl\":\""
                + maxTtl
                + "\",\"creation_statements\":[\""
                + CREATE
                + "\"]}"));
  }

  /** A static role for the existing database user {@code username}. */
  void staticRole(String role, String username) {
    ok(
        api.post(
            mount + "/static-roles/" + role,
            "{\"db_name\":\"pg\",\"username\":\"" + username + "\",\"rotation_period\":\"24h\"}"));
  }

  /** New credentials of {@code role}, read with {@code as}. */
  Creds creds(VaultApi as, String role) {
    Answer a = as.get(mount + "/creds/" + role);
    assertThat(a.status()).as(a.raw()).isEqualTo(200);
    return new Creds(
        a.body().get("lease_id").asText(),
        a.data().get("username").asText(),
        a.data().get("password").asText(),
        a);
  }

  /** The static role's current password. */
  String staticPassword(String role) {
    Answer a = api.get(mount + "/static-creds/" + role);
    assertThat(a.status()).as(a.raw()).isEqualTo(200);
    return a.data().get("password").asText();
  }

  /** Credentials with their lease, and the whole answer. */
  record Creds(String leaseId, String username, String password, Answer answer) {
    boolean canLogIn() {
      return TestPostgres.canLogIn(username, password);
    }
  }

  private static void ok(Answer a) {
    assertThat(a.status()).as(a.raw()).isIn(200, 204);
  }
}
