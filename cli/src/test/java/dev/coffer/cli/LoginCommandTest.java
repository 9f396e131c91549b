package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.CofferServer;
import dev.coffer.server.DevOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coffer login} against a real dev server with approle enabled. */
class LoginCommandTest {
  private static final String ROOT = "cli-login-root";
  private static CofferServer server;
  private static String address;

  @BeforeAll
  static void start() {
    server = CofferServer.startDev(new DevOptions(ROOT, "127.0.0.1:0", null));
    address = "http://127.0.0.1:" + server.port();
    CofferClient root = new CofferClient(address, ROOT);
    root.post("sys/auth/approle", Map.of("type", "approle")).orThrow();
    root.post("auth/approle/role/ci", Map.of("token_policies", "ci")).orThrow();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String[] approleArgs(String... extra) {
    CofferClient root = new CofferClient(address, ROOT);
    String roleId =
        root.get("auth/approle/role/ci/role-id").orThrow().data().path("role_id").asText();
    String secretId =
        root.post("auth/approle/role/ci/secret-id", Map.of())
            .orThrow()
            .data()
            .path("secret_id")
            .asText();
    String[] base = {"login", "-method=approle", "role_id=" + roleId, "secret_id=" + secretId};
    return extra.length == 0 ? base : concatAfterLogin(base, extra);
  }

  private static String[] concatAfterLogin(String[] base, String[] extra) {
    String[] all = new String[base.length + extra.length];
    all[0] = base[0];
    System.arraycopy(extra, 0, all, 1, extra.length);
    System.arraycopy(base, 1, all, 1 + extra.length, base.length - 1);
    return all;
  }

  private static CliRun coffer(Path home, String... args) {
    return CliRun.run(Map.of("VAULT_ADDR", address), "", home, args);
  }

  @Test
  void approleLoginPrintsTheTokenAndStoresIt(@TempDir Path home) throws Exception {
    CliRun r = coffer(home, approleArgs());
    assertThat(r.exitCode()).as(r.err()).isZero();
    String stored = Files.readString(home.resolve(".coffer-token"));
    assertThat(r.out()).contains("Success!").contains(stored).contains("token_meta_role_name");
    assertThat(
            new CofferClient(address, stored)
                .get("auth/token/lookup-self")
                .orThrow()
                .data()
                .path("path")
                .asText())
        .isEqualTo("auth/approle/login");
  }

  @Test
  void jsonFormatPrintsTheAuthBlockAndNoStoreLeavesNoFile(@TempDir Path home) throws Exception {
    CliRun r = coffer(home, approleArgs("-format=json", "-no-store"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode body = CofferClient.JSON.readTree(r.out());
    assertThat(body.path("auth").path("client_token").asText()).isNotEmpty();
    assertThat(body.path("auth").path("policies").toString()).contains("ci");
    assertThat(home.resolve(".coffer-token")).doesNotExist();
  }

  @Test
  void aWrongSecretIdIsAServerError(@TempDir Path home) {
    CliRun r = coffer(home, "login", "-method=approle", "role_id=x", "secret_id=y");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("invalid role or secret ID");
  }

  @Test
  void tokenLoginChecksTheTokenAndStoresIt(@TempDir Path home) throws Exception {
    CliRun r = coffer(home, "login", ROOT);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(home.resolve(".coffer-token"))).isEqualTo(ROOT);
    CliRun bad = coffer(home, "login", "-method=token", "-no-store", "not-a-token");
    assertThat(bad.exitCode()).isEqualTo(2);
  }
}
