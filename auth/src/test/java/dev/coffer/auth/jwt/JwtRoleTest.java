package dev.coffer.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Operation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwtRoleTest {
  private final JwtFixture f = new JwtFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private void assertInvalid(Map<String, Object> role, String message) {
    assertThatThrownBy(() -> f.admin.write("role/r", role))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.errors()).containsExactly(message));
  }

  @Test
  void aNewRoleHasVaultsDefaults() {
    f.admin.write("role/r", Map.of("role_type", "jwt"));
    Map<String, Object> data = f.admin.read("role/r").data();
    assertThat(data)
        .containsEntry("role_type", "jwt")
        .containsEntry("user_claim", "sub")
        .containsEntry("bound_claims_type", "string")
        .containsEntry("clock_skew_leeway", 0L)
        .containsEntry("token_policies", List.of())
        .containsEntry("token_ttl", 0L);
  }

  @Test
  void aRoleIsCreatedUpdatedListedAndDeleted() {
    assertThat(f.admin.resolvedOperation(Operation.UPDATE, "role/r", Map.of()))
        .isEqualTo(Operation.CREATE);
    f.admin.write(
        "role/r",
        Map.of(
            "role_type", "jwt",
            "bound_audiences", "a,b",
            "token_policies", "p1,p2",
            "token_ttl", "1h",
            "clock_skew_leeway", "2m"));
    assertThat(f.admin.resolvedOperation(Operation.UPDATE, "role/r", Map.of()))
        .isEqualTo(Operation.UPDATE);
    f.admin.write("role/r", Map.of("token_max_ttl", 7200));
    f.admin.write("role/s", Map.of("role_type", "jwt"));

    Map<String, Object> data = f.admin.read("role/r").data();
    assertThat(data)
        .containsEntry("bound_audiences", List.of("a", "b"))
        .containsEntry("token_policies", List.of("p1", "p2"))
        .containsEntry("token_ttl", 3600L)
        .containsEntry("token_max_ttl", 7200L)
        .containsEntry("clock_skew_leeway", 120L);
    assertThat(f.admin.listKeys("role")).containsExactly("r", "s");

    f.admin.delete("role/r");
    f.admin.delete("role/s");
    assertThatThrownBy(() -> f.admin.read("role/r"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> f.admin.list("role"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void anEmptyUserClaimIsRefused() {
    assertInvalid(Map.of("user_claim", ""), "a user claim must be defined on the role");
  }

  @Test
  void anUnknownRoleTypeIsRefused() {
    assertInvalid(Map.of("role_type", "saml"), "invalid 'role_type': saml");
  }

  @Test
  void anUnknownBoundClaimsTypeIsRefused() {
    assertInvalid(
        Map.of("bound_claims_type", "regex"),
        "invalid 'bound_claims_type': regex (expected string or glob)");
  }

  @Test
  void aGlobBoundClaimMustBeAString() {
    assertInvalid(
        Map.of("bound_claims_type", "glob", "bound_claims", Map.of("n", 5)),
        "bound claim \"n\" is not a string or list of strings");
  }

  @Test
  void twoClaimsMappedToOneKeyAreRefused() {
    assertInvalid(
        Map.of("claim_mappings", Map.of("a", "x", "b", "x")),
        "multiple keys are mapped to metadata key \"x\"");
  }

  @Test
  void aBadCidrIsRefused() {
    assertInvalid(Map.of("token_bound_cidrs", "10.0.0.0/33"), "invalid CIDR \"10.0.0.0/33\"");
  }

  @Test
  void aLeewayBelowMinusOneIsRefused() {
    assertInvalid(
        Map.of("expiration_leeway", -5),
        "\"expiration_leeway\" must be -1, 0 or a positive duration");
  }
}
