package dev.coffer.auth.approle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Login;
import dev.coffer.spi.Response;
import dev.coffer.spi.testkit.EngineHarness;
import dev.coffer.spi.testkit.InMemoryStorage;
import dev.coffer.spi.testkit.MutableClock;
import dev.coffer.spi.testkit.TestMountContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppRoleTest {
  private final MutableClock clock = new MutableClock();
  private InMemoryStorage storage;
  private EngineHarness harness;

  @BeforeEach
  void mount() {
    storage = new InMemoryStorage();
    harness = harnessFrom("10.1.2.3");
  }

  private EngineHarness harnessFrom(String remote) {
    return new EngineHarness(
        new AppRoleFactory()
            .create(
                new TestMountContext(
                    "auth/approle/",
                    "approle",
                    Map.of(),
                    storage,
                    clock,
                    Duration.ofHours(1),
                    Duration.ofHours(2))),
        "auth/approle/",
        new ClientInfo(remote, "", "", List.of(), ""));
  }

  private String roleId(String role) {
    return (String) harness.read("role/" + role + "/role-id").data().get("role_id");
  }

  private Map<String, Object> secretId(String role, Map<String, Object> body) {
    return harness.write("role/" + role + "/secret-id", body).data();
  }

  private Login login(String roleId, String secretId) {
    return harness.write("login", Map.of("role_id", roleId, "secret_id", secretId)).login();
  }

  @Test
  void aRoleIsCreatedWithVaultDefaultsAndReadBack() {
    harness.write("role/App", Map.of("token_policies", "a,b", "token_ttl", "20m"));
    Map<String, Object> role = harness.read("role/app").data();
    assertThat(role)
        .containsEntry("bind_secret_id", true)
        .containsEntry("token_policies", List.of("a", "b"))
        .containsEntry("policies", List.of("a", "b"))
        .containsEntry("token_ttl", 1200L)
        .containsEntry("secret_id_num_uses", 0L)
        .doesNotContainKey("role_id");
    assertThat(harness.listKeys("role")).containsExactly("app");
  }

  @Test
  void anUpdateKeepsFieldsItDoesNotName() {
    harness.write("role/app", Map.of("token_policies", "a", "secret_id_num_uses", 3));
    harness.write("role/app", Map.of("token_ttl", "5m"));
    Map<String, Object> role = harness.read("role/app").data();
    assertThat(role)
        .containsEntry("token_policies", List.of("a"))
        .containsEntry("secret_id_num_uses", 3L);
  }

  @Test
  void aGoodLoginCarriesTheRolePoliciesTtlsAndMetadata() {
    harness.write(
        "role/app",
        Map.of(
            "token_policies",
            List.of("app"),
            "token_ttl",
            "10m",
            "token_max_ttl",
            "30m",
            "token_num_uses",
            5,
            "token_bound_cidrs",
            "10.0.0.0/8"));
    Map<String, Object> s = secretId("app", Map.of("metadata", "{\"team\":\"blue\"}"));
    Login login = login(roleId("app"), (String) s.get("secret_id"));
    assertThat(login.aliasName()).isEqualTo(roleId("app"));
    assertThat(login.aliasMetadata())
        .containsEntry("role_name", "app")
        .containsEntry("team", "blue");
    assertThat(login.metadata()).containsEntry("role_name", "app");
    assertThat(login.policies()).containsExactly("app");
    assertThat(login.ttl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(login.maxTtl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(login.numUses()).isEqualTo(5);
    assertThat(login.boundCidrs()).containsExactly("10.0.0.0/8");
  }

  @Test
  void aWrongSecretIdAndAWrongRoleIdGiveTheSameMessage() {
    harness.write("role/app", Map.of());
    String good = (String) secretId("app", Map.of()).get("secret_id");
    assertThatThrownBy(() -> login(roleId("app"), "wrong"))
        .isInstanceOf(CofferException.class)
        .hasMessage("invalid role or secret ID")
        .extracting(e -> ((CofferException) e).code())
        .isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThatThrownBy(() -> login("wrong-role-id", good)).hasMessage("invalid role or secret ID");
  }

  @Test
  void aSecretIdWithTwoUsesWorksTwiceThenIsGone() {
    harness.write("role/app", Map.of());
    Map<String, Object> s = secretId("app", Map.of("num_uses", 2));
    String id = (String) s.get("secret_id");
    login(roleId("app"), id);
    Map<String, Object> looked =
        harness.write("role/app/secret-id/lookup", Map.of("secret_id", id)).data();
    assertThat(looked).containsEntry("secret_id_num_uses", 1L);
    login(roleId("app"), id);
    assertThatThrownBy(() -> login(roleId("app"), id)).hasMessage("invalid role or secret ID");
    assertThatThrownBy(() -> harness.list("role/app/secret-id"))
        .extracting(e -> ((CofferException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void anExpiredSecretIdIsRefusedAndTidyRemovesIt() {
    harness.write("role/app", Map.of("secret_id_ttl", "10m"));
    String id = (String) secretId("app", Map.of()).get("secret_id");
    String other = (String) secretId("app", Map.of("ttl", "1m")).get("secret_id");
    clock.advance(Duration.ofMinutes(5));
    login(roleId("app"), id);
    assertThatThrownBy(() -> login(roleId("app"), other)).hasMessage("invalid role or secret ID");
    clock.advance(Duration.ofMinutes(6));
    assertThatThrownBy(() -> login(roleId("app"), id)).hasMessage("invalid role or secret ID");
    secretId("app", Map.of());
    harness.write("tidy/secret-id", Map.of());
    assertThat(harness.listKeys("role/app/secret-id")).hasSize(1);
  }

  @Test
  void aSecretIdTtlLongerThanTheRolesIsRefused() {
    harness.write("role/app", Map.of("secret_id_ttl", "10m", "secret_id_num_uses", 2));
    assertThatThrownBy(() -> secretId("app", Map.of("ttl", "1h")))
        .hasMessage("ttl cannot be longer than the role's secret_id_ttl");
    assertThatThrownBy(() -> secretId("app", Map.of("num_uses", 3)))
        .hasMessage("num_uses cannot be higher than the role's secret_id_num_uses");
    assertThat(secretId("app", Map.of()))
        .containsEntry("secret_id_ttl", 600L)
        .containsEntry("secret_id_num_uses", 2L);
  }

  @Test
  void secretIdsAreStoredOnlyHashed() {
    harness.write("role/app", Map.of("role_id", "my-role-id"));
    String id = (String) secretId("app", Map.of()).get("secret_id");
    for (String key : storage.keys()) {
      String value = new String(storage.get(key).orElseThrow(), StandardCharsets.UTF_8);
      assertThat(key).doesNotContain(id).doesNotContain("my-role-id");
      assertThat(value).doesNotContain(id);
    }
  }

  @Test
  void cidrBoundsOfTheRoleAndTheSecretIdAreChecked() {
    harness.write("role/app", Map.of("secret_id_bound_cidrs", "10.0.0.0/8"));
    String id = (String) secretId("app", Map.of("cidr_list", "10.1.0.0/16")).get("secret_id");
    String roleId = roleId("app");
    login(roleId, id);
    harness = harnessFrom("10.2.0.1");
    assertThatThrownBy(() -> login(roleId, id))
        .hasMessageContaining("unauthorized through CIDR restrictions on the secret ID");
    harness = harnessFrom("192.168.0.1");
    assertThatThrownBy(() -> login(roleId, id))
        .hasMessageContaining("unauthorized by CIDR restrictions on the role");
  }

  @Test
  void customRoleIdAndCustomSecretIdWork() {
    harness.write("role/app", Map.of());
    harness.write("role/app/role-id", Map.of("role_id", "custom-role"));
    harness.write("role/app/custom-secret-id", Map.of("secret_id", "custom-secret"));
    assertThat(login("custom-role", "custom-secret").aliasName()).isEqualTo("custom-role");
    assertThatThrownBy(
            () -> harness.write("role/app/custom-secret-id", Map.of("secret_id", "custom-secret")))
        .hasMessage("SecretID is already registered");
  }

  @Test
  void accessorLookupAndDestroyWork() {
    harness.write("role/app", Map.of());
    Map<String, Object> s = secretId("app", Map.of("metadata", Map.of("k", "v")));
    String accessor = (String) s.get("secret_id_accessor");
    assertThat(harness.listKeys("role/app/secret-id")).containsExactly(accessor);
    Response looked =
        harness.write("role/app/secret-id-accessor/lookup", Map.of("secret_id_accessor", accessor));
    assertThat(looked.data()).containsEntry("metadata", Map.of("k", "v"));
    harness.write("role/app/secret-id-accessor/destroy", Map.of("secret_id_accessor", accessor));
    assertThatThrownBy(() -> login(roleId("app"), (String) s.get("secret_id")))
        .hasMessage("invalid role or secret ID");
    assertThatThrownBy(
            () ->
                harness.write(
                    "role/app/secret-id-accessor/lookup", Map.of("secret_id_accessor", accessor)))
        .hasMessageContaining("failed to find accessor entry");
  }

  @Test
  void destroyBySecretIdAndDeletingTheRoleRemoveSecretIds() {
    harness.write("role/app", Map.of());
    String a = (String) secretId("app", Map.of()).get("secret_id");
    String b = (String) secretId("app", Map.of()).get("secret_id");
    harness.write("role/app/secret-id/destroy", Map.of("secret_id", a));
    assertThat(harness.listKeys("role/app/secret-id")).hasSize(1);
    String roleId = roleId("app");
    harness.delete("role/app");
    assertThatThrownBy(() -> login(roleId, b)).hasMessage("invalid role or secret ID");
    assertThatThrownBy(() -> harness.read("role/app"))
        .extracting(e -> ((CofferException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aRoleWithoutBindSecretIdNeedsACidrAndLogsInWithTheRoleIdAlone() {
    assertThatThrownBy(() -> harness.write("role/open", Map.of("bind_secret_id", false)))
        .hasMessage("at least one constraint should be enabled on the role");
    harness.write(
        "role/open", Map.of("bind_secret_id", false, "secret_id_bound_cidrs", "10.0.0.0/8"));
    Response r = harness.write("login", Map.of("role_id", roleId("open")));
    assertThat(r.login()).isNotNull();
  }

  @Test
  void missingFieldsAreRefusedWithVaultMessages() {
    harness.write("role/app", Map.of());
    assertThatThrownBy(() -> harness.write("login", Map.of())).hasMessage("missing role_id");
    assertThatThrownBy(() -> harness.write("login", Map.of("role_id", roleId("app"))))
        .hasMessage("missing secret_id");
    assertThatThrownBy(() -> harness.read("role/nope/role-id"))
        .hasMessage("role \"nope\" does not exist");
  }
}
