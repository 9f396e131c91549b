package dev.coffer.server.core;

import static dev.coffer.server.core.CoreTesting.failed;
import static dev.coffer.server.core.CoreTesting.ok;
import static dev.coffer.server.core.CoreTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.auth.AuthPlugin;
import dev.coffer.backend.local.LocalPlugin;
import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.seal.StaticSeal;
import dev.coffer.spi.AuthResult;
import dev.coffer.spi.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auth mounts and logins through the core: sys/auth, the login pipeline, token and entity. */
class CoreAuthLoginTest {
  private final Core core =
      new Core(
          new InMemoryStorageBackend(),
          new StaticSeal(CoreTesting.STATIC_KEY),
          PluginRegistry.of(
              List.of(
                  new CorePlugin(),
                  new LocalPlugin(),
                  new MemoEnginePlugin(),
                  new AuthPlugin(),
                  new dev.coffer.server.core.audit.sink.AuditPlugin())),
          Clock.systemUTC());
  private String root;

  @BeforeEach
  void initialize() {
    core.start();
    root = core.initialize(1, 1).rootToken();
    core.enableMount("secret/", "kv", Map.of("version", "2"), "");
    ok(call(RequestMethod.POST, "sys/auth/approle", root, Map.of("type", "approle")));
  }

  @AfterEach
  void close() {
    core.close();
  }

  @Test
  void aLoginIssuesAnOrphanTokenWithTheRolePoliciesAndDefault() {
    AuthResult auth = login("app", Map.of("token_policies", "app"), Map.of());

    assertThat(auth.policies()).containsExactly("app", "default");
    assertThat(auth.orphan()).isTrue();
    assertThat(auth.metadata()).containsEntry("role_name", "app");
    assertThat(auth.leaseDuration()).isEqualTo(768 * 3600L);
    Map<String, Object> self =
        ok(call(RequestMethod.GET, "auth/token/lookup-self", auth.clientToken(), Map.of()));
    assertThat(self)
        .containsEntry("path", "auth/approle/login")
        .containsEntry("display_name", "approle")
        .containsEntry("entity_id", auth.entityId());
  }

  @Test
  void theResponseOfALoginHasNoDataButAnAuthBlock() {
    String roleId = role("app", Map.of());
    String secretId = secretId("app", Map.of());
    CoreResult result =
        call(
            RequestMethod.POST,
            "auth/approle/login",
            "",
            Map.of("role_id", roleId, "secret_id", secretId));
    assertThat(((CoreResult.Ok) result).response().data()).isNull();
    assertThat(((CoreResult.Ok) result).response().login()).isNull();
    assertThat(((CoreResult.Ok) result).response().auth().clientToken()).isNotBlank();
  }

  @Test
  void theTokenTtlIsCappedByTheMountsTunedMaximum() {
    ok(call(RequestMethod.POST, "sys/auth/approle/tune", root, Map.of("max_lease_ttl", "1h")));
    AuthResult auth = login("app", Map.of("token_ttl", "10h"), Map.of());
    assertThat(auth.leaseDuration()).isEqualTo(3600);
    Map<String, Object> tune = ok(call(RequestMethod.GET, "sys/auth/approle/tune", root, Map.of()));
    assertThat(tune).containsEntry("max_lease_ttl", 3600L);
  }

  @Test
  void theRoleTtlIsUsedWhenBelowTheMaximum() {
    AuthResult auth = login("app", Map.of("token_ttl", "20m", "token_max_ttl", "1h"), Map.of());
    assertThat(auth.leaseDuration()).isEqualTo(1200);
  }

  @Test
  void aSecondLoginReusesTheEntityCreatedByTheFirst() {
    String roleId = role("app", Map.of());
    AuthResult first = loginWith(roleId, secretId("app", Map.of()));
    AuthResult second = loginWith(roleId, secretId("app", Map.of()));

    assertThat(first.entityId()).isNotEmpty().isEqualTo(second.entityId());
    Map<String, Object> entity =
        ok(call(RequestMethod.GET, "identity/entity/id/" + first.entityId(), root, Map.of()));
    assertThat(entity.toString()).contains(accessor()).contains(roleId);
  }

  @Test
  void aliasMetadataOfTheSecretIdFillsATemplatedPolicy() {
    ok(
        call(
            RequestMethod.PUT,
            "sys/policies/acl/team",
            root,
            Map.of(
                "policy",
                "path \"secret/data/{{identity.entity.aliases."
                    + accessor()
                    + ".metadata.team}}/*\" { capabilities = [\"read\"] }")));
    ok(call(RequestMethod.POST, "secret/data/blue/db", root, Map.of("data", Map.of("k", "v"))));
    ok(call(RequestMethod.POST, "secret/data/red/db", root, Map.of("data", Map.of("k", "v"))));
    AuthResult auth =
        login("app", Map.of("token_policies", "team"), Map.of("metadata", Map.of("team", "blue")));

    ok(call(RequestMethod.GET, "secret/data/blue/db", auth.clientToken(), Map.of()));
    failed(
        call(RequestMethod.GET, "secret/data/red/db", auth.clientToken(), Map.of()),
        ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void sysAuthListsTheMountWithAnAccessorNextToTheTokenMethod() {
    Map<String, Object> list = ok(call(RequestMethod.GET, "sys/auth", root, Map.of()));
    assertThat(list).containsKeys("token/", "approle/");
    assertThat(accessor()).matches("auth_approle_[0-9a-f]{8}");
  }

  @Test
  void anUnknownTypeOrTheTokenTypeCannotBeEnabled() {
    assertThat(
            failed(
                    call(RequestMethod.POST, "sys/auth/x", root, Map.of("type", "nope")),
                    ErrorCode.INVALID_REQUEST)
                .getMessage())
        .isEqualTo("plugin not found in the catalog: nope");
    failed(
        call(RequestMethod.POST, "sys/auth/token", root, Map.of("type", "approle")),
        ErrorCode.INVALID_REQUEST);
    failed(
        call(RequestMethod.POST, "sys/auth/approle", root, Map.of("type", "approle")),
        ErrorCode.INVALID_REQUEST);
  }

  @Test
  void disablingRemovesTheRoutesAndTheData() {
    role("app", Map.of());
    ok(call(RequestMethod.DELETE, "sys/auth/approle", root, Map.of()));
    failed(call(RequestMethod.GET, "auth/approle/role/app", root, Map.of()), ErrorCode.NOT_FOUND);
    ok(call(RequestMethod.POST, "sys/auth/approle", root, Map.of("type", "approle")));
    failed(call(RequestMethod.GET, "auth/approle/role/app", root, Map.of()), ErrorCode.NOT_FOUND);
  }

  @Test
  void authMountsComeBackAfterSealAndUnseal() {
    String roleId = role("app", Map.of());
    String secretId = secretId("app", Map.of());
    core.seal();
    core.start();
    assertThat(loginWith(roleId, secretId).clientToken()).isNotEmpty();
  }

  @Test
  void sysMountsTuneOfAnAuthPathTunesTheAuthMethodAndSysAuthReadsOne() {
    ok(
        call(
            RequestMethod.POST,
            "sys/mounts/auth/approle/tune",
            root,
            Map.of("default_lease_ttl", "30m")));
    AuthResult auth = login("app", Map.of(), Map.of());
    assertThat(auth.leaseDuration()).isEqualTo(1800);
    assertThat(ok(call(RequestMethod.GET, "sys/auth/approle", root, Map.of())))
        .containsEntry("type", "approle");
  }

  @Test
  void sysPluginsListsTheAuthTypes() {
    assertThat(ok(call(RequestMethod.GET, "sys/plugins", root, Map.of())).toString())
        .contains("auth=[approle, jwt, oidc, userpass]");
  }

  @Test
  void configPathsNeedAToken() {
    failed(
        call(RequestMethod.GET, "auth/approle/role/app", "", Map.of()),
        ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void theLoginIsAuditedWithTheClientTokenHashed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit.log");
    ok(
        call(
            RequestMethod.PUT,
            "sys/audit/file",
            root,
            Map.of("type", "file", "options", Map.of("file_path", file.toString()))));
    AuthResult auth = login("app", Map.of(), Map.of());
    String log = Files.readString(file);
    assertThat(log).doesNotContain(auth.clientToken()).contains("\"client_token\":\"hmac-sha256:");
  }

  private String accessor() {
    Map<String, Object> list = ok(call(RequestMethod.GET, "sys/auth", root, Map.of()));
    return (String) ((Map<?, ?>) list.get("approle/")).get("accessor");
  }

  private String role(String name, Map<String, Object> body) {
    ok(call(RequestMethod.POST, "auth/approle/role/" + name, root, body));
    return (String)
        ok(call(RequestMethod.GET, "auth/approle/role/" + name + "/role-id", root, Map.of()))
            .get("role_id");
  }

  private String secretId(String role, Map<String, Object> body) {
    return (String)
        ok(call(RequestMethod.POST, "auth/approle/role/" + role + "/secret-id", root, body))
            .get("secret_id");
  }

  private AuthResult login(
      String role, Map<String, Object> roleBody, Map<String, Object> secretBody) {
    String roleId = role(role, roleBody);
    return loginWith(roleId, secretId(role, secretBody));
  }

  private AuthResult loginWith(String roleId, String secretId) {
    CoreResult result =
        call(
            RequestMethod.POST,
            "auth/approle/login",
            "",
            Map.of("role_id", roleId, "secret_id", secretId));
    ok(result);
    return ((CoreResult.Ok) result).response().auth();
  }

  private CoreResult call(
      RequestMethod method, String path, String token, Map<String, Object> data) {
    return core.handle(request(method, path, token, data));
  }
}
