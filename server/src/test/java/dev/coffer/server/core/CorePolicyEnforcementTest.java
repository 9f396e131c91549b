package dev.coffer.server.core;

import static dev.coffer.server.core.CoreTesting.failed;
import static dev.coffer.server.core.CoreTesting.ok;
import static dev.coffer.server.core.CoreTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.policy.BuiltInPolicies;
import dev.coffer.spi.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policies enforced by the core's request pipeline, with tokens minted by the core. */
class CorePolicyEnforcementTest {
  private final Core core = CoreTesting.staticCore(new InMemoryStorageBackend());
  private String root;

  @BeforeEach
  void initialize() {
    root = core.initialize(1, 1).rootToken();
    core.enableMount("secret/", "kv", Map.of("version", "2"), "");
  }

  @AfterEach
  void close() {
    core.close();
  }

  @Test
  void theDefaultPolicyIsWrittenOnFirstUnseal() {
    Map<String, Object> data = ok(call(RequestMethod.GET, "sys/policies/acl/default", root));

    assertThat(data)
        .containsEntry("name", "default")
        .containsEntry("policy", BuiltInPolicies.DEFAULT_POLICY_TEXT);
  }

  @Test
  void aTokenWithReadOnAppReadsThereAndIsDeniedElsewhere() {
    policy("app-reader", "path \"secret/data/app/*\" { capabilities = [\"read\"] }");
    write(root, "secret/data/app/db");
    write(root, "secret/data/other");
    String token = core.createToken(List.of("default", "app-reader"), "app");

    assertThat(ok(call(RequestMethod.GET, "secret/data/app/db", token))).containsKey("data");
    denied(call(RequestMethod.GET, "secret/data/other", token));
    denied(write(token, "secret/data/app/db"));
    denied(call(RequestMethod.GET, "sys/mounts", token));
  }

  @Test
  void creatingNeedsCreateAndOverwritingNeedsUpdate() {
    policy("creator", "path \"secret/data/*\" { capabilities = [\"create\"] }");
    policy("updater", "path \"secret/data/*\" { capabilities = [\"update\"] }");
    String creator = core.createToken(List.of("creator"), "c");
    String updater = core.createToken(List.of("updater"), "u");

    denied(write(updater, "secret/data/fresh"));
    ok(write(creator, "secret/data/fresh"));
    denied(write(creator, "secret/data/fresh"));
    ok(write(updater, "secret/data/fresh"));
  }

  @Test
  void aRewrittenPolicyTakesEffectOnTheNextRequest() {
    policy("flip", "path \"secret/data/*\" { capabilities = [\"read\"] }");
    write(root, "secret/data/x");
    String token = core.createToken(List.of("flip"), "f");
    ok(call(RequestMethod.GET, "secret/data/x", token));

    policy("flip", "path \"secret/data/*\" { capabilities = [\"deny\"] }");
    denied(call(RequestMethod.GET, "secret/data/x", token));

    ok(call(RequestMethod.DELETE, "sys/policies/acl/flip", root));
    denied(call(RequestMethod.GET, "secret/data/x", token));
  }

  @Test
  void rotatingTheKeyNeedsSudo() {
    policy("rotator", "path \"sys/rotate\" { capabilities = [\"update\"] }");
    policy("sudo-rotator", "path \"sys/rotate\" { capabilities = [\"update\", \"sudo\"] }");

    denied(call(RequestMethod.PUT, "sys/rotate", core.createToken(List.of("rotator"), "r")));
    ok(call(RequestMethod.PUT, "sys/rotate", core.createToken(List.of("sudo-rotator"), "s")));
  }

  @Test
  void sealingNeedsUpdateAndSudoOnSysSeal() {
    policy("sealer", "path \"sys/seal\" { capabilities = [\"update\"] }");
    policy("sudo-sealer", "path \"sys/seal\" { capabilities = [\"update\", \"sudo\"] }");

    denied(call(RequestMethod.PUT, "sys/seal", core.createToken(List.of("sealer"), "s")));
    assertThat(core.sealed()).isFalse();

    core.handle(
        request(RequestMethod.PUT, "sys/seal", core.createToken(List.of("sudo-sealer"), "")));
    assertThat(core.sealed()).isTrue();
  }

  @Test
  void aTokenSeesItsOwnCapabilitiesThroughTheDefaultPolicy() {
    policy("app-reader", "path \"secret/data/app/*\" { capabilities = [\"read\", \"list\"] }");
    String token = core.createToken(List.of("default", "app-reader"), "app");

    Map<String, Object> data =
        ok(
            call(
                RequestMethod.POST,
                "sys/capabilities-self",
                token,
                Map.of("paths", List.of("secret/data/app/x", "secret/data/other"))));

    assertThat(data)
        .containsEntry("secret/data/app/x", List.of("list", "read"))
        .containsEntry("secret/data/other", List.of("deny"))
        .doesNotContainKey("capabilities");
    denied(
        call(
            RequestMethod.POST,
            "sys/capabilities",
            token,
            Map.of("token", root, "paths", List.of("secret/x"))));
  }

  @Test
  void policiesATokenNamesButThatDoNotExistGrantNothing() {
    write(root, "secret/data/x");
    String token = core.createToken(List.of("never-written"), "n");

    denied(call(RequestMethod.GET, "secret/data/x", token));
  }

  private void policy(String name, String text) {
    ok(call(RequestMethod.PUT, "sys/policies/acl/" + name, root, Map.of("policy", text)));
  }

  private CoreResult write(String token, String path) {
    return call(RequestMethod.POST, path, token, Map.of("data", Map.of("k", "v")));
  }

  private CoreResult call(RequestMethod method, String path, String token) {
    return core.handle(request(method, path, token));
  }

  private CoreResult call(
      RequestMethod method, String path, String token, Map<String, Object> data) {
    return core.handle(request(method, path, token, data));
  }

  private static void denied(CoreResult result) {
    assertThat(failed(result, ErrorCode.PERMISSION_DENIED).errors())
        .containsExactly("permission denied");
  }
}
