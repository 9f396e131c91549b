package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code sys/policies/acl} and the older {@code sys/policy}, over real HTTP. */
class PolicyEndpointsOverHttpTest {
  private static final String READ_APP =
      "path \"secret/data/app/*\" {\n  capabilities = [\"read\"]\n}\n";

  private static CofferServer server;
  private static VaultApi api;

  @BeforeAll
  static void start() {
    server = TestServers.dev();
    api = TestServers.api(server, TestServers.ROOT);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String body(String field, String text) {
    return VaultApi.JSON.createObjectNode().put(field, text).toString();
  }

  @Test
  void aPolicyIsWrittenReadListedAndDeletedUnderALowerCasedName() {
    assertThat(api.put("sys/policies/acl/Ops-Team", body("policy", READ_APP)).status())
        .isEqualTo(204);

    Answer read = api.get("sys/policies/acl/ops-team");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.data().get("name").asText()).isEqualTo("ops-team");
    assertThat(read.data().get("policy").asText()).isEqualTo(READ_APP);

    Answer list = api.list("sys/policies/acl");
    assertThat(list.status()).isEqualTo(200);
    assertThat(strings(list.data().get("keys"))).contains("default", "ops-team", "root");

    assertThat(api.delete("sys/policies/acl/ops-team").status()).isEqualTo(204);
    assertThat(api.get("sys/policies/acl/ops-team").status()).isEqualTo(404);
  }

  @Test
  void theOlderPathsAnswerRulesAndListPoliciesAndKeys() {
    assertThat(api.put("sys/policy/legacy", body("rules", READ_APP)).status()).isEqualTo(204);

    Answer read = api.get("sys/policy/legacy");
    assertThat(read.data().get("name").asText()).isEqualTo("legacy");
    assertThat(read.data().get("rules").asText()).isEqualTo(READ_APP);

    Answer list = api.get("sys/policy");
    assertThat(strings(list.data().get("policies"))).contains("default", "legacy", "root");
    assertThat(strings(list.data().get("keys"))).contains("default", "legacy", "root");
  }

  @Test
  void theJsonFormAndBase64TextAreAccepted() {
    String json = "{\"path\": {\"secret/data/json/*\": {\"capabilities\": [\"read\"]}}}";
    assertThat(api.put("sys/policies/acl/json-form", body("policy", json)).status()).isEqualTo(204);
    String b64 = Base64.getEncoder().encodeToString(READ_APP.getBytes());
    assertThat(api.put("sys/policies/acl/b64", body("policy", b64)).status()).isEqualTo(204);

    assertThat(api.get("sys/policies/acl/b64").data().get("policy").asText()).isEqualTo(READ_APP);
  }

  @Test
  void aParseErrorAnswers400NamingLineAndColumn() {
    String broken = "path \"secret/*\" {\n  capabilities = [\"read\"\n}\n";

    Answer a = api.put("sys/policies/acl/broken", body("policy", broken));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errors()).contains("failed to parse policy: line 3, column 1");
    assertThat(api.get("sys/policies/acl/broken").status()).isEqualTo(404);
  }

  @Test
  void unknownKeysInAPolicyAreRefusedWithTheirLine() {
    String text = "path \"secret/*\" {\n  capabilities = [\"read\"]\n  colour = \"red\"\n}\n";

    Answer a = api.put("sys/policies/acl/unknown-key", body("policy", text));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errors()).contains("line 3");
  }

  @Test
  void rootCannotBeWrittenOrDeletedAndDefaultCannotBeDeleted() {
    Answer writeRoot = api.put("sys/policies/acl/root", body("policy", READ_APP));
    assertThat(writeRoot.status()).isEqualTo(400);
    assertThat(writeRoot.errors()).contains("cannot update root policy");

    Answer deleteRoot = api.delete("sys/policy/root");
    assertThat(deleteRoot.status()).isEqualTo(400);
    assertThat(deleteRoot.errors()).contains("cannot delete root policy");

    Answer deleteDefault = api.delete("sys/policies/acl/default");
    assertThat(deleteDefault.status()).isEqualTo(400);
    assertThat(deleteDefault.errors()).contains("cannot delete default policy");
    assertThat(api.get("sys/policies/acl/default").status()).isEqualTo(200);
  }

  @Test
  void anEmptyPolicyIsRefused() {
    Answer a = api.put("sys/policies/acl/empty", "{}");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errors()).contains("'policy' parameter not supplied or empty");
  }

  @Test
  void readingAMissingPolicyAnswers404() {
    assertThat(api.get("sys/policies/acl/nope").status()).isEqualTo(404);
    assertThat(api.get("sys/policy/nope").status()).isEqualTo(404);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
