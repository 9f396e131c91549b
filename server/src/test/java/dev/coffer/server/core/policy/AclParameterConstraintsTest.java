package dev.coffer.server.core.policy;

import static dev.coffer.server.core.policy.Policies.acl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AclParameterConstraintsTest {

  private static boolean allowed(Acl acl, Capability c, String path, Map<String, ?> params) {
    return acl.check(c, path, params).allowed();
  }

  private static Map<String, Object> params(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void requiredParametersMustBePresent() {
    Acl acl =
        acl(
            """
            path "secret/profile" {
              capabilities = ["create"]
              required_parameters = ["name", "id"]
            }
            """);

    assertThat(allowed(acl, Capability.CREATE, "secret/profile", params("name", "a", "id", 1)))
        .isTrue();
    AclDecision missing = acl.check(Capability.CREATE, "secret/profile", params("name", "a"));
    assertThat(missing.allowed()).isFalse();
    assertThat(missing.reason()).isEqualTo("required parameter 'id' is missing");
    assertThat(allowed(acl, Capability.CREATE, "secret/profile", Map.of())).isFalse();
  }

  @Test
  void allowedParametersWithEmptyListsAllowAnyValueButNoOtherParameter() {
    Acl acl =
        acl(
            """
            path "auth/userpass/users/*" {
              capabilities = ["update"]
              allowed_parameters = { "password" = [] }
            }
            """);

    assertThat(allowed(acl, Capability.UPDATE, "auth/userpass/users/bob", params("password", "x")))
        .isTrue();
    assertThat(allowed(acl, Capability.UPDATE, "auth/userpass/users/bob", Map.of())).isTrue();
    AclDecision extra =
        acl.check(
            Capability.UPDATE,
            "auth/userpass/users/bob",
            params("password", "s3cret-value", "token_ttl", "1h"));
    assertThat(extra.allowed()).isFalse();
    assertThat(extra.reason())
        .contains("parameter 'token_ttl' is not allowed")
        .doesNotContain("s3cret-value");
  }

  @Test
  void allowedValuesRestrictAParameterAndStarAllowsTheRest() {
    Acl acl =
        acl(
            """
            path "transit/keys/*" {
              capabilities = ["create", "update"]
              allowed_parameters = {
                "auto_rotate_period" = ["8h", "24h", "5d"]
                "*" = []
              }
            }
            """);
    String path = "transit/keys/k";

    assertThat(allowed(acl, Capability.UPDATE, path, params("auto_rotate_period", "24h"))).isTrue();
    assertThat(allowed(acl, Capability.UPDATE, path, params("auto_rotate_period", "1h"))).isFalse();
    assertThat(allowed(acl, Capability.UPDATE, path, params("type", "rsa-2048"))).isTrue();
    assertThat(allowed(acl, Capability.CREATE, path, params("AUTO_ROTATE_PERIOD", "8h"))).isTrue();
  }

  @Test
  void allowedValuesMayBeGlobbedAtEitherEnd() {
    Acl acl =
        acl(
            """
            path "secret/foo" {
              capabilities = ["create"]
              allowed_parameters = { "bar" = ["foo-*", "*-suffix", "*mid*"] }
            }
            """);

    assertThat(allowed(acl, Capability.CREATE, "secret/foo", params("bar", "foo-1"))).isTrue();
    assertThat(allowed(acl, Capability.CREATE, "secret/foo", params("bar", "x-suffix"))).isTrue();
    assertThat(allowed(acl, Capability.CREATE, "secret/foo", params("bar", "amidst"))).isTrue();
    assertThat(allowed(acl, Capability.CREATE, "secret/foo", params("bar", "bar-foo"))).isFalse();
  }

  @Test
  void deniedParametersBeatAllowedOnesAndStarDeniesAll() {
    Acl acl =
        acl(
            """
            path "auth/token/roles/*" {
              capabilities = ["create", "update"]
              denied_parameters = { "allowed_policies" = ["admin"] }
              allowed_parameters = { "allowed_policies" = [], "*" = [] }
            }
            path "transit/keys/*" {
              capabilities = ["create"]
              denied_parameters = { "*" = [] }
            }
            path "auth/userpass/users/*" {
              capabilities = ["update"]
              denied_parameters = { "token_policies" = [], "policies" = [] }
            }
            """);

    assertThat(
            allowed(
                acl, Capability.UPDATE, "auth/token/roles/r", params("allowed_policies", "dev")))
        .isTrue();
    assertThat(
            allowed(
                acl, Capability.UPDATE, "auth/token/roles/r", params("allowed_policies", "admin")))
        .isFalse();
    assertThat(
            allowed(
                acl,
                Capability.UPDATE,
                "auth/token/roles/r",
                params("allowed_policies", List.of("dev", "admin"))))
        .isFalse();
    assertThat(
            allowed(
                acl,
                Capability.UPDATE,
                "auth/token/roles/r",
                params("allowed_policies", "dev,admin")))
        .isFalse();
    assertThat(allowed(acl, Capability.CREATE, "transit/keys/k", Map.of())).isTrue();
    assertThat(allowed(acl, Capability.CREATE, "transit/keys/k", params("type", "x"))).isFalse();
    assertThat(allowed(acl, Capability.UPDATE, "auth/userpass/users/u", params("password", "pw")))
        .isTrue();
    assertThat(
            allowed(
                acl, Capability.UPDATE, "auth/userpass/users/u", params("Policies", List.of("a"))))
        .isFalse();
  }

  @Test
  void listValuesAndCommaStringsMustBeAllowedElementByElement() {
    Acl acl =
        acl(
            """
            path "auth/token/create" {
              capabilities = ["update"]
              allowed_parameters = { "policies" = ["dev", "ops"], "*" = [] }
            }
            """);

    assertThat(
            allowed(
                acl, Capability.UPDATE, "auth/token/create", params("policies", List.of("dev"))))
        .isTrue();
    assertThat(
            allowed(
                acl,
                Capability.UPDATE,
                "auth/token/create",
                params("policies", List.of("dev", "OPS"))))
        .isTrue();
    assertThat(allowed(acl, Capability.UPDATE, "auth/token/create", params("policies", "dev, ops")))
        .isTrue();
    assertThat(allowed(acl, Capability.UPDATE, "auth/token/create", params("policies", "dev,root")))
        .isFalse();
    assertThat(
            allowed(
                acl,
                Capability.UPDATE,
                "auth/token/create",
                params("policies", List.of("dev", "root"))))
        .isFalse();
    assertThat(allowed(acl, Capability.UPDATE, "auth/token/create", params("policies", "")))
        .isFalse();
  }

  @Test
  void nonStringValuesCompareByValue() {
    Acl acl =
        acl(
            """
            path "test/types" {
              capabilities = ["create"]
              allowed_parameters = {
                "int" = [1, 2]
                "bool" = [false]
                "map" = [{ "good" = "one" }]
              }
              denied_parameters = { "no_store" = [false, "false"] }
            }
            """);

    assertThat(allowed(acl, Capability.CREATE, "test/types", params("int", 1))).isTrue();
    assertThat(allowed(acl, Capability.CREATE, "test/types", params("int", 2.0))).isTrue();
    assertThat(allowed(acl, Capability.CREATE, "test/types", params("int", 3))).isFalse();
    assertThat(allowed(acl, Capability.CREATE, "test/types", params("int", "1"))).isFalse();
    assertThat(allowed(acl, Capability.CREATE, "test/types", params("bool", false))).isTrue();
    assertThat(allowed(acl, Capability.CREATE, "test/types", params("bool", true))).isFalse();
    assertThat(allowed(acl, Capability.CREATE, "test/types", params("map", Map.of("good", "one"))))
        .isTrue();
    assertThat(allowed(acl, Capability.CREATE, "test/types", params("map", Map.of("bad", "one"))))
        .isFalse();
    assertThat(allowed(acl, Capability.CREATE, "test/types", params("no_store", false))).isFalse();
  }

  @Test
  void parameterConstraintsApplyToWritesAndReadsButNotToDeleteOrList() {
    Acl acl =
        acl(
            """
            path "secret/x" {
              capabilities = ["read", "delete", "list", "patch"]
              denied_parameters = { "version" = [] }
            }
            """);

    assertThat(allowed(acl, Capability.READ, "secret/x", params("version", 1))).isFalse();
    assertThat(allowed(acl, Capability.PATCH, "secret/x", params("version", 1))).isFalse();
    assertThat(allowed(acl, Capability.DELETE, "secret/x", params("version", 1))).isTrue();
    assertThat(allowed(acl, Capability.LIST, "secret/x", params("version", 1))).isTrue();
  }

  @Test
  void parameterConstraintsOfTheSamePatternMergeAsInVault() {
    Acl acl =
        acl(
            """
            path "value/merge" {
              capabilities = ["update"]
              allowed_parameters = { "test" = [1, 2] }
              required_parameters = ["test"]
            }
            """,
            """
            path "value/merge" {
              capabilities = ["update"]
              allowed_parameters = { "test" = [3, 4], "other" = [] }
            }
            path "value/empty" {
              capabilities = ["update"]
              allowed_parameters = { "x" = ["a"] }
            }
            """,
            """
            path "value/empty" {
              capabilities = ["update"]
              allowed_parameters = { "x" = [] }
            }
            """);

    assertThat(allowed(acl, Capability.UPDATE, "value/merge", params("test", 4))).isTrue();
    assertThat(allowed(acl, Capability.UPDATE, "value/merge", params("test", 1))).isTrue();
    assertThat(allowed(acl, Capability.UPDATE, "value/merge", params("test", 5))).isFalse();
    assertThat(allowed(acl, Capability.UPDATE, "value/merge", params("other", 5))).isFalse();
    assertThat(allowed(acl, Capability.UPDATE, "value/merge", params("test", 2, "other", "z")))
        .isTrue();
    assertThat(allowed(acl, Capability.UPDATE, "value/empty", params("x", "anything"))).isTrue();
  }

  @Test
  void wrappingTtlBoundsRequireAWrappedResponseWithinThem() {
    Acl acl =
        acl(
            """
            path "auth/approle/role/r/secret-id" {
              capabilities = ["update"]
              min_wrapping_ttl = "1s"
              max_wrapping_ttl = "90s"
            }
            """);
    String path = "auth/approle/role/r/secret-id";

    AclDecision unwrapped = acl.check(Capability.UPDATE, path, Map.of());
    assertThat(unwrapped.allowed()).isFalse();
    assertThat(unwrapped.reason()).contains("requires response wrapping");
    assertThat(acl.check(Capability.UPDATE, path, Map.of(), Duration.ofSeconds(60)).allowed())
        .isTrue();
    assertThat(acl.check(Capability.UPDATE, path, Map.of(), Duration.ofSeconds(91)).allowed())
        .isFalse();
  }

  @Test
  void mergedWrappingBoundsKeepTheSmallerValues() {
    Acl acl =
        acl(
            "path \"w\" { capabilities = [\"read\"]\n min_wrapping_ttl = \"50s\"\n"
                + " max_wrapping_ttl = \"400s\" }",
            "path \"w\" { capabilities = [\"read\"]\n min_wrapping_ttl = \"100s\"\n"
                + " max_wrapping_ttl = \"200s\" }");

    assertThat(acl.check(Capability.READ, "w", Map.of(), Duration.ofSeconds(60)).allowed())
        .isTrue();
    assertThat(acl.check(Capability.READ, "w", Map.of(), Duration.ofSeconds(300)).allowed())
        .isFalse();
    assertThat(acl.check(Capability.READ, "w", Map.of(), Duration.ofSeconds(40)).allowed())
        .isFalse();
  }
}
