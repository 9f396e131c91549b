package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code sys/policies/password}, over real HTTP. */
class PasswordPoliciesOverHttpTest {
  private static final String HEX =
      "length = 32\nrule \"charset\" {\n  charset = \"0123456789abcdef\"\n  min-chars = 1\n}\n";

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

  private static String body(String text) {
    return VaultApi.JSON.createObjectNode().put("policy", text).toString();
  }

  @Test
  void aPolicyIsWrittenReadListedUsedAndDeleted() {
    assertThat(api.put("sys/policies/password/hex", body(HEX)).status()).isEqualTo(204);

    Answer read = api.get("sys/policies/password/hex");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.data().get("policy").asText()).isEqualTo(HEX);

    assertThat(api.list("sys/policies/password").data().get("keys").toString()).contains("\"hex\"");

    Answer generated = api.get("sys/policies/password/hex/generate");
    assertThat(generated.status()).isEqualTo(200);
    assertThat(generated.data().get("password").asText()).matches("[0-9a-f]{32}");

    assertThat(api.delete("sys/policies/password/hex").status()).isEqualTo(204);
    assertThat(api.get("sys/policies/password/hex").status()).isEqualTo(404);
    assertThat(api.get("sys/policies/password/hex/generate").status()).isEqualTo(404);
  }

  @Test
  void base64PolicyTextIsAccepted() {
    String b64 = Base64.getEncoder().encodeToString(HEX.getBytes());
    assertThat(api.put("sys/policies/password/b64", body(b64)).status()).isEqualTo(204);

    assertThat(api.get("sys/policies/password/b64").data().get("policy").asText()).isEqualTo(HEX);
  }

  @Test
  void anImpossiblePolicyIsA400NamingTheProblem() {
    Answer a =
        api.put(
            "sys/policies/password/tight",
            body("length = 4\nrule \"charset\" { charset = \"a\"\n min-chars = 9 }"));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errors()).contains("the rules ask for at least 9 characters but length is 4");
  }

  @Test
  void anEngineGetsPasswordsByANamedPolicyAndA400ForAnUnknownOne() {
    assertThat(
            api.put(
                    "sys/policies/password/digits",
                    body("length = 12\nrule \"charset\" { charset = \"0123456789\" }"))
                .status())
        .isEqualTo(204);
    String mount = "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}";
    assertThat(api.post("sys/mounts/rot-pp", mount).status()).isEqualTo(204);
    api.post("rot-pp/data/db", "{\"data\":{\"user\":\"app\",\"password\":\"old\"}}");
    api.post(
        "rot-pp/metadata/db",
        "{\"custom_metadata\":{\"rotate_generator\":\"password\",\"password_policy\":\"digits\"}}");

    Answer rotated = api.post("rot-pp/rotate/db", "{}");
    assertThat(rotated.status()).as(rotated.raw()).isEqualTo(200);
    Answer read = api.get("rot-pp/data/db");
    assertThat(read.data().get("data").get("password").asText()).matches("[0-9]{12}");
    assertThat(read.data().get("data").get("user").asText()).isEqualTo("app");

    api.post(
        "rot-pp/metadata/db",
        "{\"custom_metadata\":{\"rotate_generator\":\"password\",\"password_policy\":\"missing\"}}");
    Answer unknown = api.post("rot-pp/rotate/db", "{}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errors()).contains("password policy \\\"missing\\\" not found");
  }
}
