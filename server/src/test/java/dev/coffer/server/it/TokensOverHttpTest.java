package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token store over real HTTP: create, lookup, renew, revoke, roles, tidy, sys/auth. */
class TokensOverHttpTest {
  private static CofferServer server;
  private static VaultApi root;

  @BeforeAll
  static void start() {
    server = TestServers.dev();
    root = TestServers.api(server, TestServers.ROOT);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void createAnswersVaultsAuthBlockAndTheTokenLooksItselfUp() {
    Answer created =
        root.post(
            "auth/token/create",
            "{\"policies\":[\"dev\"],\"ttl\":\"1h\",\"meta\":{\"team\":\"blue\"},"
                + "\"display_name\":\"ci\"}");

    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    assertThat(created.body().get("data").isNull()).isTrue();
    JsonNode auth = created.body().get("auth");
    assertThat(auth.fieldNames())
        .toIterable()
        .containsExactly(
            "client_token",
            "accessor",
            "policies",
            "token_policies",
            "identity_policies",
            "metadata",
            "lease_duration",
            "renewable",
            "entity_id",
            "token_type",
            "orphan",
            "num_uses");
    String token = auth.get("client_token").asText();
    assertThat(token).startsWith("cfs.");
    assertThat(auth.get("policies").toString()).isEqualTo("[\"default\",\"dev\"]");
    assertThat(auth.get("lease_duration").asLong()).isEqualTo(3600);
    assertThat(auth.get("renewable").asBoolean()).isTrue();
    assertThat(auth.get("token_type").asText()).isEqualTo("service");
    assertThat(auth.get("metadata").get("team").asText()).isEqualTo("blue");

    Answer self = root.withToken(token).get("auth/token/lookup-self");
    assertThat(self.status()).as(self.raw()).isEqualTo(200);
    assertThat(self.data().get("id").asText()).isEqualTo(token);
    assertThat(self.data().get("display_name").asText()).isEqualTo("token-ci");
    assertThat(self.data().get("path").asText()).isEqualTo("auth/token/create");
    assertThat(self.data().get("accessor").asText()).isEqualTo(auth.get("accessor").asText());

    Answer byAccessor =
        root.post(
            "auth/token/lookup-accessor",
            "{\"accessor\":\"" + auth.get("accessor").asText() + "\"}");
    assertThat(byAccessor.status()).isEqualTo(200);
    assertThat(byAccessor.data().get("id").asText()).isEmpty();
    assertThat(byAccessor.raw()).doesNotContain(token);
    Answer lookup = root.post("auth/token/lookup", "{\"token\":\"" + token + "\"}");
    assertThat(lookup.data().get("id").asText()).isEqualTo(token);
  }

  @Test
  void aNonRootTokenMayRenewAndRevokeItselfButNothingElseYet() {
    String token = create("{\"policies\":[\"dev\"],\"ttl\":\"1h\"}");
    VaultApi self = root.withToken(token);

    Answer renewed = self.post("auth/token/renew-self", "{\"increment\":\"2h\"}");
    assertThat(renewed.status()).as(renewed.raw()).isEqualTo(200);
    assertThat(renewed.body().get("auth").get("lease_duration").asLong()).isEqualTo(7200);
    assertThat(renewed.body().get("auth").get("client_token").asText()).isEqualTo(token);
    assertThat(self.get("sys/mounts").status()).isEqualTo(403);
    assertThat(self.post("auth/token/create", "{}").status()).isEqualTo(403);

    assertThat(self.post("auth/token/revoke-self", "{}").status()).isEqualTo(204);
    assertThat(self.get("auth/token/lookup-self").status()).isEqualTo(403);
  }

  @Test
  void aChildTokenDiesWithItsParent() {
    String parent = create("{\"ttl\":\"1h\"}");
    Answer child = root.withToken(parent).post("auth/token/create", "{\"ttl\":\"1h\"}");
    assertThat(child.status()).as(child.raw()).isEqualTo(200);
    String childToken = child.body().get("auth").get("client_token").asText();
    String orphan =
        root.withToken(parent)
            .post("auth/token/create-orphan", "{\"ttl\":\"1h\"}")
            .body()
            .get("auth")
            .get("client_token")
            .asText();
    assertThat(root.withToken(childToken).get("auth/token/lookup-self").status()).isEqualTo(200);

    assertThat(root.post("auth/token/revoke", "{\"token\":\"" + parent + "\"}").status())
        .isEqualTo(204);

    assertThat(root.withToken(parent).get("auth/token/lookup-self").status()).isEqualTo(403);
    Answer dead = root.withToken(childToken).get("auth/token/lookup-self");
    assertThat(dead.status()).isEqualTo(403);
    assertThat(dead.errors()).isEqualTo("[\"permission denied\"]");
    assertThat(root.withToken(orphan).get("auth/token/lookup-self").status()).isEqualTo(200);
  }

  @Test
  void numUsesRunsOut() {
    String token = create("{\"num_uses\":2}");
    VaultApi limited = root.withToken(token);

    assertThat(limited.get("auth/token/lookup-self").data().get("num_uses").asLong()).isEqualTo(1);
    assertThat(limited.get("auth/token/lookup-self").data().get("num_uses").asLong()).isZero();
    assertThat(limited.get("auth/token/lookup-self").status()).isEqualTo(403);
  }

  @Test
  void aShortTtlTakesEffectWithoutTidy() throws InterruptedException {
    String token = create("{\"ttl\":\"1s\"}");
    VaultApi shortLived = root.withToken(token);
    assertThat(shortLived.get("auth/token/lookup-self").status()).isIn(200, 403);

    int status = 200;
    for (int i = 0; i < 100 && status == 200; i++) {
      Thread.sleep(50);
      status = shortLived.get("auth/token/lookup-self").status();
    }

    assertThat(status).isEqualTo(403);
  }

  @Test
  void rolesAreManagedAndTokensCreatedAgainstThem() {
    Answer written =
        root.post(
            "auth/token/roles/deploy",
            "{\"allowed_policies\":\"app\",\"orphan\":true,\"token_period\":\"30m\"}");
    assertThat(written.status()).as(written.raw()).isEqualTo(204);
    assertThat(root.get("auth/token/roles/deploy").data().get("token_period").asLong())
        .isEqualTo(1800);
    assertThat(root.list("auth/token/roles").data().get("keys").toString()).contains("deploy");

    Answer created = root.post("auth/token/create/deploy", "{}");
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    JsonNode auth = created.body().get("auth");
    assertThat(auth.get("policies").toString()).isEqualTo("[\"app\",\"default\"]");
    assertThat(auth.get("orphan").asBoolean()).isTrue();
    assertThat(auth.get("lease_duration").asLong()).isEqualTo(1800);
    Answer badPolicies = root.post("auth/token/create/deploy", "{\"policies\":[\"admin\"]}");
    assertThat(badPolicies.status()).isEqualTo(400);

    assertThat(root.delete("auth/token/roles/deploy").status()).isEqualTo(204);
    assertThat(root.get("auth/token/roles/deploy").status()).isEqualTo(404);
  }

  @Test
  void tidyRunsAndRenewOfANonRenewableTokenIs400() {
    Answer tidy = root.post("auth/token/tidy", "{}");
    assertThat(tidy.status()).as(tidy.raw()).isEqualTo(200);

    String fixed = create("{\"ttl\":\"1h\",\"renewable\":false}");
    Answer renew = root.post("auth/token/renew", "{\"token\":\"" + fixed + "\"}");
    assertThat(renew.status()).isEqualTo(400);
    assertThat(renew.errors()).contains("lease is not renewable");
  }

  @Test
  void sysAuthListsTheTokenMethod() {
    Answer auth = root.get("sys/auth");

    assertThat(auth.status()).as(auth.raw()).isEqualTo(200);
    JsonNode token = auth.data().get("token/");
    assertThat(token.get("type").asText()).isEqualTo("token");
    assertThat(token.get("accessor").asText()).startsWith("auth_token_");
    assertThat(token.get("local").asBoolean()).isFalse();
    assertThat(token.get("seal_wrap").asBoolean()).isFalse();
    assertThat(token.get("options").isNull()).isTrue();
    assertThat(token.get("config").has("default_lease_ttl")).isTrue();
    assertThat(token.get("config").has("max_lease_ttl")).isTrue();
  }

  @Test
  void theSqliteFileHoldsNoTokenIdInClear(@TempDir Path dir) throws IOException {
    String token;
    String rootToken;
    try (CofferServer sqlite =
        TestServers.sqliteWithStaticSeal(dir.resolve("coffer.db"), dir.resolve("seal.key"))) {
      VaultApi anonymous = TestServers.api(sqlite, null);
      rootToken = anonymous.put("sys/init", "{}").body().get("root_token").asText();
      Answer created = anonymous.withToken(rootToken).post("auth/token/create", "{}");
      assertThat(created.status()).as(created.raw()).isEqualTo(200);
      token = created.body().get("auth").get("client_token").asText();
    }

    assertThat(filesContain(dir, token)).isFalse();
    assertThat(filesContain(dir, token.substring("cfs.".length()))).isFalse();
    assertThat(filesContain(dir, rootToken)).isFalse();
  }

  private static String create(String body) {
    Answer a = root.post("auth/token/create", body);
    assertThat(a.status()).as(a.raw()).isEqualTo(200);
    return a.body().get("auth").get("client_token").asText();
  }

  private static boolean filesContain(Path dir, String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (RestartWithSqliteAndStaticSealTest.indexOf(Files.readAllBytes(f), needle) >= 0) {
          return true;
        }
      }
    }
    return false;
  }
}
