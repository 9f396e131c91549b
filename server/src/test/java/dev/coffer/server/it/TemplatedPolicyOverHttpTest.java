package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One templated policy gives every entity only its own path: tokens created through a token role
 * with an entity alias carry the entity, and the policy is filled from it at check time.
 */
class TemplatedPolicyOverHttpTest {
  private static CofferServer server;
  private static VaultApi root;

  @BeforeAll
  static void start() {
    server = TestServers.dev();
    root = TestServers.api(server, TestServers.ROOT);
    assertThat(
            root.put(
                    "sys/policies/acl/ci",
                    "{\"policy\":\"path \\\"secret/data/ci/{{identity.entity.name}}/*\\\""
                        + " { capabilities = [\\\"read\\\"] }\"}")
                .status())
        .isIn(200, 204);
    assertThat(
            root.post(
                    "auth/token/roles/ci",
                    "{\"allowed_policies\":[\"ci\"],\"allowed_entity_aliases\":[\"alias-*\"],"
                        + "\"orphan\":true}")
                .status())
        .isIn(200, 204);
    root.post("secret/data/ci/repo-a/deploy", "{\"data\":{\"key\":\"a\"}}");
    root.post("secret/data/ci/repo-b/deploy", "{\"data\":{\"key\":\"b\"}}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static VaultApi tokenFor(String entityName) {
    String tokenMount = root.get("sys/auth").data().get("token/").get("accessor").asText();
    Answer entity = root.post("identity/entity", "{\"name\":\"" + entityName + "\"}");
    assertThat(entity.status()).as(entity.raw()).isEqualTo(200);
    String entityId = entity.data().get("id").asText();
    Answer alias =
        root.post(
            "identity/entity-alias",
            "{\"name\":\"alias-"
                + entityName
                + "\",\"canonical_id\":\""
                + entityId
                + "\",\"mount_accessor\":\""
                + tokenMount
                + "\"}");
    assertThat(alias.status()).as(alias.raw()).isIn(200, 204);
    Answer created =
        root.post(
            "auth/token/create/ci",
            "{\"policies\":[\"ci\"],\"entity_alias\":\"alias-" + entityName + "\"}");
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    assertThat(created.body().get("auth").get("entity_id").asText()).isEqualTo(entityId);
    return root.withToken(created.body().get("auth").get("client_token").asText());
  }

  @Test
  void eachEntityReadsOnlyItsOwnPath() {
    VaultApi a = tokenFor("repo-a");
    VaultApi b = tokenFor("repo-b");

    assertThat(a.get("secret/data/ci/repo-a/deploy").data().get("data").get("key").asText())
        .isEqualTo("a");
    assertThat(a.get("secret/data/ci/repo-b/deploy").status()).isEqualTo(403);
    assertThat(b.get("secret/data/ci/repo-b/deploy").data().get("data").get("key").asText())
        .isEqualTo("b");
    assertThat(b.get("secret/data/ci/repo-a/deploy").status()).isEqualTo(403);
  }
}
