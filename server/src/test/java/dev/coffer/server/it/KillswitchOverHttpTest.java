package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.backend.database.TestPostgres;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.PostgresMount.Creds;
import dev.coffer.server.it.VaultApi.Answer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sys/killswitch} over real HTTP on a server that has handed out everything it can: child
 * tokens, userpass and approle logins, database users from a real PostgreSQL, a static database
 * role and leased KV reads with a rotator. After the killswitch only root tokens work, and the
 * audit log tells each step.
 */
class KillswitchOverHttpTest {
  @TempDir Path dir;
  private CofferServer server;
  private VaultApi root;
  private AuditFile audit;

  @BeforeEach
  void start() {
    server = TestServers.dev();
    root = TestServers.api(server, TestServers.ROOT);
    audit = AuditFile.enable(root, dir.resolve("audit.log"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyLeaseAndNonRootTokenIsRevokedAndEverySecretRotated() {
    PostgresMount db = PostgresMount.enable(root, "database");
    db.dynamicRole("readonly", "1h", "24h");
    String staticUser = TestPostgres.newUser("initial-password");
    db.staticRole("app", staticUser);
    String staticBefore = db.staticPassword("app");
    ok(
        root.post(
            "sys/mounts/agents",
            "{\"type\":\"kv\",\"options\":{\"version\":\"2\",\"lease_reads\":\"true\","
                + "\"rotate_generator\":\"password\"}}"));
    ok(root.post("agents/data/ci", "{\"data\":{\"user\":\"ci\",\"password\":\"initial\"}}"));
    ok(
        root.put(
            "sys/policies/acl/worker",
            "{\"policy\":\"path \\\"database/creds/*\\\" { capabilities = [\\\"read\\\"] }\\n"
                + "path \\\"agents/data/*\\\" { capabilities = [\\\"read\\\"] }\\n"
                + "path \\\"auth/token/create\\\" { capabilities = [\\\"update\\\"] }\"}"));

    VaultApi rootChild = root.withToken(createToken(root, "[\"root\"],\"ttl\":\"1h\""));
    List<VaultApi> issued = new ArrayList<>();
    VaultApi child = root.withToken(createToken(root, "[\"worker\"]"));
    issued.add(child);
    issued.add(root.withToken(createToken(child, "[\"worker\"]")));
    issued.add(userpassLogin());
    issued.add(approleLogin());
    Creds byRoot = db.creds(root, "readonly");
    Creds byChild = db.creds(child, "readonly");
    assertThat(byRoot.canLogIn()).isTrue();
    assertThat(byChild.canLogIn()).isTrue();
    Answer leasedRead = child.get("agents/data/ci");
    assertThat(leasedRead.body().get("lease_id").asText()).startsWith("agents/data/ci/");
    for (VaultApi t : issued) {
      assertThat(t.get("auth/token/lookup-self").status()).isEqualTo(200);
    }

    Answer fired = root.put("sys/killswitch", "{\"rotate\":true}");

    assertThat(fired.status()).as(fired.raw()).isEqualTo(200);
    JsonNode report = fired.data();
    assertThat(report.get("revoked_leases").asLong())
        .as("two database users and one leased read")
        .isEqualTo(3);
    assertThat(report.get("revoked_tokens").asLong())
        .as("the child, its child, the userpass and the approle login")
        .isEqualTo(4);
    assertThat(report.get("failures")).as(report.toString()).isEmpty();
    assertThat(report.get("sealed").asBoolean()).isFalse();
    assertThat(report.get("rotated").toString())
        .contains("database/static-roles/app")
        .contains("agents/data/ci");

    for (VaultApi t : issued) {
      assertThat(t.get("auth/token/lookup-self").status()).as("a revoked token").isEqualTo(403);
    }
    assertThat(root.get("auth/token/lookup-self").status()).as("root survives").isEqualTo(200);
    assertThat(rootChild.get("auth/token/lookup-self").status())
        .as("a root token with a TTL (and so a lease) survives too")
        .isEqualTo(200);
    assertThat(leaseCount()).as("only the root child's token lease is left").isEqualTo(1);
    assertThat(byRoot.canLogIn()).isFalse();
    assertThat(byChild.canLogIn()).isFalse();
    assertThat(TestPostgres.userExists(byRoot.username())).isFalse();

    String staticAfter = db.staticPassword("app");
    assertThat(staticAfter).isNotEqualTo(staticBefore);
    assertThat(TestPostgres.canLogIn(staticUser, staticBefore)).isFalse();
    assertThat(TestPostgres.canLogIn(staticUser, staticAfter)).isTrue();

    JsonNode metadata = root.get("agents/metadata/ci").data();
    assertThat(metadata.get("current_version").asInt())
        .as("rotated by the leased read's revocation, then by the rotators")
        .isEqualTo(3);
    JsonNode ci = root.get("agents/data/ci").data().get("data");
    assertThat(ci.get("password").asText()).isNotEqualTo("initial");
    assertThat(ci.get("user").asText()).isEqualTo("ci");

    List<JsonNode> steps = audit.warnings("killswitch");
    assertThat(steps.stream().map(s -> s.get("step").asText()))
        .containsExactly(
            "started", "leases_revoked", "tokens_revoked", "secrets_rotated", "finished");
    for (JsonNode s : steps) {
      assertThat(s.get("trigger").asText()).isEqualTo("api");
    }
    assertThat(steps.get(1).get("revoked").asLong()).isEqualTo(3);
    assertThat(steps.get(2).get("revoked").asLong()).isEqualTo(4);
    assertThat(audit.text()).doesNotContain(staticAfter).doesNotContain(byRoot.password());
  }

  @Test
  void aTokenWithoutSudoIsRefused() {
    ok(
        root.put(
            "sys/policies/acl/almost",
            "{\"policy\":\"path \\\"sys/killswitch\\\" { capabilities = [\\\"update\\\"] }\"}"));
    VaultApi almost = root.withToken(createToken(root, "[\"almost\"]"));

    Answer refused = almost.put("sys/killswitch", "{}");

    assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
    assertThat(almost.get("auth/token/lookup-self").status()).isEqualTo(200);
    assertThat(audit.warnings("killswitch")).isEmpty();
  }

  @Test
  void withSealTheServerIsSealedRightAfterAnswering() {
    VaultApi child = root.withToken(createToken(root, "[\"default\"]"));

    Answer fired = root.put("sys/killswitch", "{\"seal\":true}");

    assertThat(fired.status()).as(fired.raw()).isEqualTo(200);
    assertThat(fired.data().get("sealed").asBoolean()).isTrue();
    assertThat(fired.data().get("revoked_tokens").asLong()).isEqualTo(1);
    Answer status = root.get("sys/seal-status");
    assertThat(status.body().get("sealed").asBoolean()).as(status.raw()).isTrue();
    assertThat(root.get("auth/token/lookup-self").status()).isEqualTo(503);
    assertThat(child.get("auth/token/lookup-self").status()).isEqualTo(503);
    List<JsonNode> steps = audit.warnings("killswitch");
    assertThat(steps.stream().map(s -> s.get("step").asText()))
        .containsExactly("started", "leases_revoked", "tokens_revoked", "finished");
    assertThat(steps.get(3).get("seal").asBoolean()).isTrue();
  }

  private long leaseCount() {
    return root.get("sys/leases/count?type=all").data().get("lease_count").asLong();
  }

  /** A child token of {@code by}; {@code policiesJson} may be followed by more fields. */
  private static String createToken(VaultApi by, String policiesJson) {
    Answer a = by.post("auth/token/create", "{\"policies\":" + policiesJson + "}");
    assertThat(a.status()).as(a.raw()).isEqualTo(200);
    return a.body().get("auth").get("client_token").asText();
  }

  private VaultApi userpassLogin() {
    ok(root.post("sys/auth/userpass", "{\"type\":\"userpass\"}"));
    ok(
        root.post(
            "auth/userpass/users/alice", "{\"password\":\"pw\",\"token_policies\":[\"worker\"]}"));
    Answer login = root.withToken(null).post("auth/userpass/login/alice", "{\"password\":\"pw\"}");
    assertThat(login.status()).as(login.raw()).isEqualTo(200);
    return root.withToken(login.body().get("auth").get("client_token").asText());
  }

  private VaultApi approleLogin() {
    ok(root.post("sys/auth/approle", "{\"type\":\"approle\"}"));
    ok(
        root.post(
            "auth/approle/role/app", "{\"token_policies\":[\"worker\"],\"token_ttl\":\"1h\"}"));
    String roleId = root.get("auth/approle/role/app/role-id").data().get("role_id").asText();
    String secretId =
        root.post("auth/approle/role/app/secret-id", "{}").data().get("secret_id").asText();
    Answer login =
        root.withToken(null)
            .post(
                "auth/approle/login",
                "{\"role_id\":\"" + roleId + "\",\"secret_id\":\"" + secretId + "\"}");
    assertThat(login.status()).as(login.raw()).isEqualTo(200);
    return root.withToken(login.body().get("auth").get("client_token").asText());
  }

  private static void ok(Answer a) {
    assertThat(a.status()).as(a.raw()).isIn(200, 204);
  }
}
