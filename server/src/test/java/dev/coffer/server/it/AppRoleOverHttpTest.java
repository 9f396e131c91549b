package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.RoleId;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.SecretId;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/** AppRole over real HTTP: enable, role, role-id, secret-id, login, policy; and Spring Vault. */
class AppRoleOverHttpTest {
  private static CofferServer server;
  private static VaultApi root;

  @BeforeAll
  static void start() {
    server = TestServers.dev();
    root = TestServers.api(server, TestServers.ROOT);
    expect(root.post("sys/auth/approle", "{\"type\":\"approle\"}"), 204);
    expect(
        root.put(
            "sys/policies/acl/app",
            "{\"policy\":\"path \\\"secret/data/app/*\\\" { capabilities = [\\\"read\\\"] }\"}"),
        204);
    expect(root.post("secret/data/app/db", "{\"data\":{\"password\":\"s3cr3t\"}}"), 200);
    expect(root.post("secret/data/other/db", "{\"data\":{\"password\":\"no\"}}"), 200);
    expect(
        root.post("auth/approle/role/app", "{\"token_policies\":[\"app\"],\"token_ttl\":\"1h\"}"),
        204);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Answer expect(Answer a, int status) {
    assertThat(a.status()).as(a.raw()).isEqualTo(status);
    return a;
  }

  private static String roleId() {
    return expect(root.get("auth/approle/role/app/role-id"), 200).data().get("role_id").asText();
  }

  private static String secretId(String body) {
    return expect(root.post("auth/approle/role/app/secret-id", body), 200)
        .data()
        .get("secret_id")
        .asText();
  }

  private static Answer login(String roleId, String secretId) {
    return root.withToken("")
        .post(
            "auth/approle/login",
            "{\"role_id\":\"" + roleId + "\",\"secret_id\":\"" + secretId + "\"}");
  }

  @Test
  void aLoggedInRoleReadsWhatItsPolicyAllowsAndNothingElse() {
    Answer login = expect(login(roleId(), secretId("{}")), 200);
    assertThat(login.body().get("data").isNull()).isTrue();
    assertThat(login.body().get("auth").get("policies").toString()).contains("app", "default");
    assertThat(login.body().get("auth").get("lease_duration").asLong()).isEqualTo(3600);
    assertThat(login.body().get("auth").get("metadata").get("role_name").asText()).isEqualTo("app");
    VaultApi app = root.withToken(login.body().get("auth").get("client_token").asText());

    assertThat(app.get("secret/data/app/db").data().get("data").get("password").asText())
        .isEqualTo("s3cr3t");
    assertThat(app.get("secret/data/other/db").status()).isEqualTo(403);
    assertThat(app.get("auth/approle/role/app/role-id").status()).isEqualTo(403);
  }

  @Test
  void aSecretIdWithOneUseWorksOnceAndAWrongOneIsRefused() {
    String once = secretId("{\"num_uses\":1}");
    expect(login(roleId(), once), 200);
    Answer again = expect(login(roleId(), once), 400);
    assertThat(again.raw()).contains("invalid role or secret ID");
    assertThat(expect(login("nope", secretId("{}")), 400).raw())
        .contains("invalid role or secret ID");
  }

  @Test
  void aWrappedSecretIdUnwrapsExactlyOnceAndTheSecondUnwrapIsRefusedAndAudited(@TempDir Path dir)
      throws java.io.IOException {
    Path log = dir.resolve("audit.log");
    expect(
        root.put(
            "sys/audit/wrap-file",
            "{\"type\":\"file\",\"options\":{\"file_path\":\"" + log + "\"}}"),
        204);
    try {
      Answer wrapped =
          expect(
              root.withHeader("X-Vault-Wrap-TTL", "60s")
                  .post("auth/approle/role/app/secret-id", "{}"),
              200);
      assertThat(wrapped.data().isNull()).isTrue();
      String wrappingToken = wrapped.body().get("wrap_info").get("token").asText();

      Answer first = expect(root.withToken(wrappingToken).post("sys/wrapping/unwrap", "{}"), 200);
      String secretId = first.data().get("secret_id").asText();
      expect(login(roleId(), secretId), 200);

      Answer second = root.withToken(wrappingToken).post("sys/wrapping/unwrap", "{}");
      assertThat(second.status()).isIn(400, 403);
      assertThat(Files.readString(log))
          .as("the refused second unwrap is audited, without the token or the secret id")
          .contains("sys/wrapping/unwrap")
          .contains("wrapping token is not valid or does not exist")
          .doesNotContain(wrappingToken)
          .doesNotContain(secretId);
    } finally {
      expect(root.delete("sys/audit/wrap-file"), 204);
    }
  }

  @Test
  void aTokenBoundToOtherNetworksIsRefusedAndOneBoundToLoopbackWorks() {
    for (String role : new String[] {"far", "near"}) {
      String cidr = role.equals("far") ? "10.0.0.0/8" : "127.0.0.0/8";
      expect(
          root.post(
              "auth/approle/role/" + role,
              "{\"token_policies\":[\"app\"],\"token_bound_cidrs\":[\"" + cidr + "\"]}"),
          204);
    }
    assertThat(tokenOf("far").get("secret/data/app/db").status()).isEqualTo(403);
    assertThat(tokenOf("near").get("secret/data/app/db").status()).isEqualTo(200);
  }

  private static VaultApi tokenOf(String role) {
    String roleId =
        expect(root.get("auth/approle/role/" + role + "/role-id"), 200)
            .data()
            .get("role_id")
            .asText();
    String secretId =
        expect(root.post("auth/approle/role/" + role + "/secret-id", "{}"), 200)
            .data()
            .get("secret_id")
            .asText();
    return root.withToken(
        expect(login(roleId, secretId), 200).body().get("auth").get("client_token").asText());
  }

  @Test
  void sysAuthListsApproleAndTheLoginNeedsNoToken() {
    Answer list = expect(root.get("sys/auth"), 200);
    assertThat(list.data().get("approle/").get("type").asText()).isEqualTo("approle");
    assertThat(list.data().get("approle/").get("accessor").asText()).startsWith("auth_approle_");
    assertThat(list.data().has("token/")).isTrue();
  }

  @Test
  void springVaultAppRoleAuthenticationLogsInAndReadsASecret() {
    VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", server.port());
    endpoint.setScheme("http");
    AppRoleAuthenticationOptions options =
        AppRoleAuthenticationOptions.builder()
            .roleId(RoleId.provided(roleId()))
            .secretId(SecretId.provided(secretId("{}")))
            .build();
    AppRoleAuthentication auth =
        new AppRoleAuthentication(
            options,
            VaultClients.createRestTemplate(endpoint, new SimpleClientHttpRequestFactory()));
    VaultTemplate vault = new VaultTemplate(endpoint, auth);

    Map<String, Object> data =
        vault.opsForVersionedKeyValue("secret").get("app/db").getRequiredData();
    assertThat(data).containsEntry("password", "s3cr3t");
  }
}
