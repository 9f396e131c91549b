package dev.coffer.server.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltInPoliciesTest {
  private final Acl acl = Acl.of(List.of(BuiltInPolicies.defaultPolicy()), IdentityContext.NONE);

  private boolean allows(Capability c, String path) {
    return acl.check(c, path, Map.of()).allowed();
  }

  @Test
  void theDefaultPolicyGrantsTheSelfServicePathsVaultGrants() {
    assertThat(allows(Capability.READ, "auth/token/lookup-self")).isTrue();
    assertThat(allows(Capability.UPDATE, "auth/token/renew-self")).isTrue();
    assertThat(allows(Capability.UPDATE, "auth/token/revoke-self")).isTrue();
    assertThat(allows(Capability.UPDATE, "sys/capabilities-self")).isTrue();
    assertThat(allows(Capability.READ, "sys/internal/ui/resultant-acl")).isTrue();
    assertThat(allows(Capability.UPDATE, "sys/leases/renew")).isTrue();
    assertThat(allows(Capability.UPDATE, "sys/leases/lookup")).isTrue();
    assertThat(allows(Capability.UPDATE, "sys/wrapping/unwrap")).isTrue();
    assertThat(allows(Capability.UPDATE, "sys/wrapping/lookup")).isTrue();
    assertThat(allows(Capability.UPDATE, "sys/wrapping/wrap")).isTrue();
    assertThat(allows(Capability.UPDATE, "sys/tools/hash/sha2-256")).isTrue();
    assertThat(allows(Capability.CREATE, "cubbyhole/mine")).isTrue();
    assertThat(allows(Capability.LIST, "cubbyhole/")).isTrue();
  }

  @Test
  void theDefaultPolicyGrantsNothingElse() {
    assertThat(allows(Capability.READ, "secret/data/x")).isFalse();
    assertThat(allows(Capability.UPDATE, "auth/token/create")).isFalse();
    assertThat(allows(Capability.READ, "sys/policies/acl/default")).isFalse();
    assertThat(allows(Capability.UPDATE, "sys/capabilities")).isFalse();
    assertThat(acl.capabilities("sys/mounts")).containsExactly("deny");
  }

  @Test
  void rootCannotBeWrittenOrDeletedAndDefaultCannotBeDeleted() {
    assertThatThrownBy(() -> BuiltInPolicies.checkWritable("root"))
        .hasMessage("cannot update root policy");
    assertThatThrownBy(() -> BuiltInPolicies.checkDeletable("ROOT"))
        .hasMessage("cannot delete root policy");
    assertThatThrownBy(() -> BuiltInPolicies.checkDeletable("default"))
        .hasMessage("cannot delete default policy");
    BuiltInPolicies.checkWritable("default");
    BuiltInPolicies.checkDeletable("app");
    assertThat(BuiltInPolicies.root().rules()).isEmpty();
    assertThat(BuiltInPolicies.defaultPolicy().raw())
        .isEqualTo(BuiltInPolicies.DEFAULT_POLICY_TEXT);
  }
}
