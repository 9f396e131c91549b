package dev.coffer.server.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AclCacheTest {
  private final Policy app =
      HclPolicyParser.parse("app", "path \"secret/*\" { capabilities = [\"read\"] }");
  private final Policy own =
      HclPolicyParser.parse(
          "own", "path \"kv/{{identity.entity.id}}/*\" { capabilities = [\"read\"] }");

  @Test
  void theSamePolicyInstancesGetTheSameAcl() {
    AclCache cache = new AclCache(10);

    Acl first = cache.get(List.of(app), IdentityContext.NONE);

    assertThat(cache.get(List.of(app), new IdentityContext("e", null, null, null, null)))
        .isSameAs(first);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void aRewrittenPolicyInstanceGetsAFreshAcl() {
    AclCache cache = new AclCache(10);
    Acl before = cache.get(List.of(app), IdentityContext.NONE);
    Policy rewritten =
        HclPolicyParser.parse("app", "path \"secret/*\" { capabilities = [\"update\"] }");

    Acl after = cache.get(List.of(rewritten), IdentityContext.NONE);

    assertThat(after).isNotSameAs(before);
    assertThat(after.check(Capability.UPDATE, "secret/x", Map.of()).allowed()).isTrue();
  }

  @Test
  void templatedPolicySetsAreCachedPerIdentity() {
    AclCache cache = new AclCache(10);

    Acl a = cache.get(List.of(own), new IdentityContext("a", null, null, null, null));
    Acl b = cache.get(List.of(own), new IdentityContext("b", null, null, null, null));

    assertThat(a.check(Capability.READ, "kv/a/x", Map.of()).allowed()).isTrue();
    assertThat(b.check(Capability.READ, "kv/a/x", Map.of()).allowed()).isFalse();
    assertThat(cache.get(List.of(own), new IdentityContext("a", null, null, null, null)))
        .isSameAs(a);
  }

  @Test
  void theLeastRecentlyUsedAclIsDroppedAtCapacity() {
    AclCache cache = new AclCache(1);
    cache.get(List.of(app), IdentityContext.NONE);
    cache.get(List.of(own), IdentityContext.NONE);

    assertThat(cache.size()).isEqualTo(1);
    cache.clear();
    assertThat(cache.size()).isZero();
  }
}
