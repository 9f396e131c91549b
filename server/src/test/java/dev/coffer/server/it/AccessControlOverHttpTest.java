package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ACL enforcement and {@code sys/capabilities*} over real HTTP. Tokens with policies are minted
 * through the core ({@code Core.createToken}) until the token endpoints exist.
 */
class AccessControlOverHttpTest {
  private static CofferServer server;
  private static VaultApi root;

  @BeforeAll
  static void start() {
    server = TestServers.dev();
    root = TestServers.api(server, TestServers.ROOT);
    policy("app-reader", "path \"secret/data/app/*\" { capabilities = [\"read\", \"list\"] }");
    policy(
        "fenced",
        "path \"secret/data/app/*\" { capabilities = [\"read\"] }\n"
            + "path \"secret/data/app/private\" { capabilities = [\"deny\"] }\n");
    policy("creator", "path \"secret/data/cu/*\" { capabilities = [\"create\"] }");
    policy("updater", "path \"secret/data/cu/*\" { capabilities = [\"update\"] }");
    for (String path : List.of("app/db", "app/private", "other")) {
      assertThat(root.post("secret/data/" + path, "{\"data\":{\"k\":\"v\"}}").status())
          .isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void policy(String name, String text) {
    String body = VaultApi.JSON.createObjectNode().put("policy", text).toString();
    assertThat(root.put("sys/policies/acl/" + name, body).status()).isEqualTo(204);
  }

  private static VaultApi as(String... policies) {
    return root.withToken(server.core().createToken(List.of(policies), "it"));
  }

  @Test
  void aTokenWithReadOnAppReadsThereAndGets403Elsewhere() {
    VaultApi app = as("default", "app-reader");

    Answer ok = app.get("secret/data/app/db");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.data().get("data").get("k").asText()).isEqualTo("v");

    Answer elsewhere = app.get("secret/data/other");
    assertThat(elsewhere.status()).isEqualTo(403);
    assertThat(elsewhere.errors()).isEqualTo("[\"permission denied\"]");
    assertThat(app.post("secret/data/app/db", "{\"data\":{\"k\":\"w\"}}").status()).isEqualTo(403);
    assertThat(app.get("sys/mounts").status()).isEqualTo(403);
  }

  @Test
  void denyOnAnExactPathWinsOverTheGlob() {
    VaultApi fenced = as("fenced");

    assertThat(fenced.get("secret/data/app/db").status()).isEqualTo(200);
    assertThat(fenced.get("secret/data/app/private").status()).isEqualTo(403);
  }

  @Test
  void creatingNeedsCreateAndOverwritingNeedsUpdate() {
    VaultApi creator = as("creator");
    VaultApi updater = as("updater");
    String body = "{\"data\":{\"k\":\"v\"}}";

    assertThat(updater.post("secret/data/cu/one", body).status()).isEqualTo(403);
    assertThat(creator.post("secret/data/cu/one", body).status()).isEqualTo(200);
    assertThat(creator.post("secret/data/cu/one", body).status()).isEqualTo(403);
    assertThat(updater.post("secret/data/cu/one", body).status()).isEqualTo(200);
  }

  @Test
  void capabilitiesSelfAnswersPerPathAndRepeatsASinglePathAsCapabilities() {
    VaultApi app = as("default", "app-reader");

    Answer two =
        app.post("sys/capabilities-self", "{\"paths\":[\"secret/data/app/x\",\"secret/data/y\"]}");
    assertThat(two.status()).isEqualTo(200);
    assertThat(strings(two.data().get("secret/data/app/x"))).containsExactly("list", "read");
    assertThat(strings(two.data().get("secret/data/y"))).containsExactly("deny");
    assertThat(two.data().has("capabilities")).isFalse();

    Answer one = app.post("sys/capabilities-self", "{\"path\":\"secret/data/app/x\"}");
    assertThat(strings(one.data().get("capabilities"))).containsExactly("list", "read");
  }

  @Test
  void capabilitiesOfAnotherTokenByIdOrAccessorNeedTheRightToAsk() {
    String token = server.core().createToken(List.of("app-reader"), "other");
    String accessor =
        root.post("auth/token/lookup", "{\"token\":\"" + token + "\"}")
            .data()
            .get("accessor")
            .asText();

    Answer byToken =
        root.post(
            "sys/capabilities", "{\"token\":\"" + token + "\",\"paths\":[\"secret/data/app/x\"]}");
    assertThat(byToken.status()).isEqualTo(200);
    assertThat(strings(byToken.data().get("capabilities"))).containsExactly("list", "read");

    Answer byAccessor =
        root.post(
            "sys/capabilities-accessor",
            "{\"accessor\":\"" + accessor + "\",\"paths\":[\"secret/data/other\"]}");
    assertThat(strings(byAccessor.data().get("secret/data/other"))).containsExactly("deny");

    Answer rootSelf = root.post("sys/capabilities-self", "{\"paths\":[\"anything\"]}");
    assertThat(strings(rootSelf.data().get("anything"))).containsExactly("root");

    assertThat(
            as("default")
                .post("sys/capabilities", "{\"token\":\"" + token + "\",\"paths\":[\"x\"]}")
                .status())
        .isEqualTo(403);
  }

  @Test
  void capabilitiesWithAnUnknownTokenOrAccessorOrNoPathsAnswer400() {
    Answer unknown = root.post("sys/capabilities", "{\"token\":\"cfs.nope\",\"paths\":[\"x\"]}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errors()).contains("invalid token");

    Answer badAccessor =
        root.post("sys/capabilities-accessor", "{\"accessor\":\"nope\",\"paths\":[\"x\"]}");
    assertThat(badAccessor.status()).isEqualTo(400);
    assertThat(badAccessor.errors()).contains("invalid accessor");

    Answer noPaths = root.post("sys/capabilities-self", "{}");
    assertThat(noPaths.status()).isEqualTo(400);
    assertThat(noPaths.errors()).contains("paths must be supplied");
  }

  @Test
  void rotatingNeedsSudo() {
    policy("rotator", "path \"sys/rotate\" { capabilities = [\"update\"] }");
    policy("sudo-rotator", "path \"sys/rotate\" { capabilities = [\"update\", \"sudo\"] }");

    assertThat(as("rotator").post("sys/rotate", "{}").status()).isEqualTo(403);
    assertThat(as("sudo-rotator").post("sys/rotate", "{}").status()).isEqualTo(204);
  }

  @Test
  void aTokenWithoutPoliciesForSysPolicyCannotWritePolicies() {
    Answer a =
        as("default")
            .put(
                "sys/policies/acl/sneaky",
                "{\"policy\":\"path \\\"*\\\" { capabilities = [\\\"sudo\\\"] }\"}");

    assertThat(a.status()).isEqualTo(403);
    assertThat(root.get("sys/policies/acl/sneaky").status()).isEqualTo(404);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
