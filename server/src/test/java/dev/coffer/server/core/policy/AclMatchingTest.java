package dev.coffer.server.core.policy;

import static dev.coffer.server.core.policy.Policies.acl;
import static dev.coffer.server.core.policy.Policies.allows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.Operation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AclMatchingTest {

  @Test
  void aTokenWithReadOnAnAppGlobReadsThereAndNowhereElse() {
    Acl acl = acl("path \"secret/data/app/*\" { capabilities = [\"read\"] }");

    assertThat(allows(acl, Capability.READ, "secret/data/app/db")).isTrue();
    assertThat(allows(acl, Capability.READ, "/secret/data/app/nested/db")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/data/other/db")).isFalse();
    assertThat(allows(acl, Capability.READ, "secret/data/app")).isFalse();
    assertThat(allows(acl, Capability.UPDATE, "secret/data/app/db")).isFalse();
    AclDecision none = acl.check(Capability.READ, "sys/mounts", Map.of());
    assertThat(none.allowed()).isFalse();
    assertThat(none.matchedPath()).isNull();
    assertThat(none.reason()).isEqualTo("no policy grants access to the path");
  }

  @Test
  void createAndUpdateAreDistinctCapabilities() {
    Acl acl =
        acl(
            """
            path "secret/data/new/*" { capabilities = ["create"] }
            path "secret/data/old/*" { capabilities = ["update"] }
            """);

    assertThat(allows(acl, Capability.CREATE, "secret/data/new/x")).isTrue();
    assertThat(allows(acl, Capability.UPDATE, "secret/data/new/x")).isFalse();
    assertThat(allows(acl, Capability.UPDATE, "secret/data/old/x")).isTrue();
    assertThat(allows(acl, Capability.CREATE, "secret/data/old/x")).isFalse();
    assertThat(acl.check(Capability.CREATE, "secret/data/old/x", Map.of()).reason())
        .isEqualTo("path \"secret/data/old/*\" does not grant create");
  }

  @Test
  void operationsMapToCapabilitiesAsInVault() {
    assertThat(Capability.forOperation(Operation.RENEW)).isEqualTo(Capability.UPDATE);
    assertThat(Capability.forOperation(Operation.REVOKE)).isEqualTo(Capability.UPDATE);
    assertThat(Capability.forOperation(Operation.ROTATE)).isEqualTo(Capability.UPDATE);
    assertThat(Capability.forOperation(Operation.PATCH)).isEqualTo(Capability.PATCH);
    assertThat(Capability.forOperation(Operation.LIST)).isEqualTo(Capability.LIST);
  }

  @Test
  void aDenyInOnePolicyBeatsAnAllowOnTheSamePathInAnotherWhateverTheOrder() {
    String allow = "path \"secret/data/x\" { capabilities = [\"read\", \"update\", \"sudo\"] }";
    String deny = "path \"secret/data/x\" { capabilities = [\"deny\"] }";

    for (Acl acl : List.of(acl(allow, deny), acl(deny, allow))) {
      AclDecision d = acl.check(Capability.READ, "secret/data/x", Map.of());
      assertThat(d.allowed()).isFalse();
      assertThat(d.sudo()).isFalse();
      assertThat(d.grantingPolicies()).isEmpty();
      assertThat(acl.capabilities("secret/data/x")).containsExactly("deny");
    }
  }

  @Test
  void aDenyOnASpecificPathBeatsABroaderAllowInAnotherPolicy() {
    Acl acl =
        acl(
            "path \"secret/*\" { capabilities = [\"read\", \"list\"] }",
            "path \"secret/data/prod/*\" { capabilities = [\"deny\"] }");

    assertThat(allows(acl, Capability.READ, "secret/data/dev/x")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/data/prod/x")).isFalse();
    assertThat(allows(acl, Capability.LIST, "secret/data/prod/")).isFalse();
  }

  @Test
  void aBroaderDenyDoesNotOverrideAMoreSpecificAllowAsInVault() {
    Acl acl =
        acl(
            "path \"secret/*\" { capabilities = [\"deny\"] }",
            "path \"secret/open\" { capabilities = [\"read\"] }");

    assertThat(allows(acl, Capability.READ, "secret/open")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/closed")).isFalse();
  }

  @Test
  void capabilitiesOfTheSamePatternAreUnitedAcrossPoliciesAndNamedAsGranting() {
    Acl acl =
        acl(
            "path \"secret/data/x\" { capabilities = [\"read\"] }",
            "path \"secret/data/x\" { capabilities = [\"read\", \"update\"] }");

    assertThat(acl.check(Capability.READ, "secret/data/x", Map.of()).grantingPolicies())
        .containsExactly("p1", "p2");
    assertThat(acl.check(Capability.UPDATE, "secret/data/x", Map.of()).grantingPolicies())
        .containsExactly("p2");
    assertThat(acl.capabilities("secret/data/x")).containsExactly("read", "update");
  }

  @Test
  void plusMatchesExactlyOneSegment() {
    Acl acl = acl("path \"secret/+/config\" { capabilities = [\"read\"] }");

    assertThat(allows(acl, Capability.READ, "secret/app/config")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/app/x/config")).isFalse();
    assertThat(allows(acl, Capability.READ, "secret/config")).isFalse();
    assertThat(allows(acl, Capability.READ, "secret/app/config/x")).isFalse();
    assertThat(allows(acl, Capability.READ, "secret/app/configs")).isFalse();
  }

  @Test
  void plusCombinedWithATrailingGlob() {
    Acl acl =
        acl(
            """
            path "secret/+/*" { capabilities = ["read"] }
            path "+/segment/at/front" { capabilities = ["update"] }
            path "test/+/wildcard/+/*" { capabilities = ["delete"] }
            path "foo/+/ba*" { capabilities = ["patch"] }
            """);

    assertThat(allows(acl, Capability.READ, "secret/app/x")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/app/x/y")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/app/")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/app")).isFalse();
    assertThat(allows(acl, Capability.UPDATE, "test/segment/at/front")).isTrue();
    assertThat(allows(acl, Capability.UPDATE, "test/segment/at/frond")).isFalse();
    assertThat(allows(acl, Capability.DELETE, "test/segment/wildcard/at/end")).isTrue();
    assertThat(allows(acl, Capability.DELETE, "test/segment/wildcard/at/foo/")).isTrue();
    assertThat(allows(acl, Capability.DELETE, "test/segment/wildcard/at")).isFalse();
    assertThat(allows(acl, Capability.PATCH, "foo/x/bar")).isTrue();
    assertThat(allows(acl, Capability.PATCH, "foo/x/baz/deeper")).isTrue();
    assertThat(allows(acl, Capability.PATCH, "foo/x/qux")).isFalse();
  }

  @Test
  void aTrailingSlashIsPartOfAPlusPatternsSegments() {
    Acl acl =
        acl(
            """
            path "test/segment/at/end/+" { capabilities = ["read"] }
            path "test/segment/at/end/v2/+/" { capabilities = ["read"] }
            """);

    assertThat(allows(acl, Capability.READ, "test/segment/at/end/foo")).isTrue();
    assertThat(allows(acl, Capability.READ, "test/segment/at/end/foo/")).isFalse();
    assertThat(allows(acl, Capability.READ, "test/segment/at/end/v2/foo/")).isTrue();
  }

  @Test
  void listingKv2FoldersUsesTheTrailingSlashPath() {
    Acl acl =
        acl(
            """
            path "secret/metadata/*" { capabilities = ["list"] }
            path "secret/metadata/team" { capabilities = ["list"] }
            path "kv/metadata/+" { capabilities = ["list"] }
            """);

    // Core strips the trailing slash; check() puts it back for LIST as Vault's HTTP layer does.
    assertThat(allows(acl, Capability.LIST, "secret/metadata")).isTrue();
    assertThat(allows(acl, Capability.LIST, "secret/metadata/")).isTrue();
    assertThat(allows(acl, Capability.LIST, "secret/metadata/app/")).isTrue();
    assertThat(allows(acl, Capability.LIST, "secret/metadata/team")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/metadata/app")).isFalse();
    // A + rule without the trailing slash still matches the folder (VAULT-3825).
    assertThat(allows(acl, Capability.LIST, "kv/metadata/app")).isTrue();
    assertThat(allows(acl, Capability.LIST, "kv/metadata/app/deeper")).isFalse();
  }

  @Test
  void aMoreSpecificDenyStillWinsForListWhenABroaderPlusRuleGrantsList() {
    Acl acl =
        acl(
            """
            path "kv1/+" { capabilities = ["list"] }
            path "kv1/private/*" { capabilities = ["deny"] }
            """);

    assertThat(allows(acl, Capability.LIST, "kv1/public")).isTrue();
    assertThat(allows(acl, Capability.LIST, "kv1/private")).isFalse();
  }

  @Test
  void aMoreSpecificListGrantBeatsABroaderDenyForList() {
    Acl acl =
        acl(
            """
            path "kv1/*" { capabilities = ["deny"] }
            path "kv1/team/+" { capabilities = ["list"] }
            """);

    assertThat(allows(acl, Capability.LIST, "kv1/team/a")).isTrue();
    assertThat(allows(acl, Capability.LIST, "kv1/other/a")).isFalse();
  }

  @Test
  void sudoIsReportedOnTheDecisionForRootProtectedPaths() {
    Acl acl =
        acl(
            """
            path "sys/audit/*" { capabilities = ["update", "sudo"] }
            path "sys/mounts/*" { capabilities = ["update"] }
            """);

    AclDecision audit = acl.check(Capability.UPDATE, "sys/audit/file", Map.of());
    assertThat(audit.allowed()).isTrue();
    assertThat(audit.sudo()).isTrue();
    assertThat(audit.root()).isFalse();
    AclDecision mounts = acl.check(Capability.UPDATE, "sys/mounts/kv", Map.of());
    assertThat(mounts.allowed()).isTrue();
    assertThat(mounts.sudo()).isFalse();
  }

  @Test
  void theRootPolicyAllowsEverything() {
    Acl acl =
        Acl.of(
            List.of(
                HclPolicyParser.parse("p", "path \"x\" { capabilities = [\"deny\"] }"),
                BuiltInPolicies.root()));

    assertThat(acl.isRoot()).isTrue();
    AclDecision d = acl.check(Capability.DELETE, "x", Map.of("anything", 1));
    assertThat(d.allowed()).isTrue();
    assertThat(d.root()).isTrue();
    assertThat(d.sudo()).isTrue();
    assertThat(d.grantingPolicies()).containsExactly("root");
    assertThat(acl.capabilities("any/path")).containsExactly("root");
    assertThat(Acl.root().isRoot()).isTrue();
  }

  @Test
  void capabilitiesAreReportedSortedOrDenyWhenNothingMatches() {
    Acl acl =
        acl(
            """
            path "dev/*" { policy = "sudo" }
            path "stage/aws/*" { capabilities = ["read", "list", "update", "sudo", "patch"] }
            """);

    assertThat(acl.capabilities("dev")).containsExactly("deny");
    assertThat(acl.capabilities("dev/"))
        .containsExactly("create", "delete", "list", "read", "sudo", "update");
    assertThat(acl.capabilities("stage/aws/test"))
        .containsExactly("list", "patch", "read", "sudo", "update");
    assertThat(acl.capabilities("nowhere")).containsExactly("deny");
    assertThat(acl("path \"x\" { capabilities = [] }").capabilities("x")).containsExactly("deny");
  }

  @Test
  void templatedRulesAreIgnoredUntilResolved() {
    Acl acl = acl("path \"secret/{{identity.entity.id}}/*\" { capabilities = [\"read\"] }");

    assertThat(allows(acl, Capability.READ, "secret/{{identity.entity.id}}/x")).isFalse();
    assertThat(acl.capabilities("secret/{{identity.entity.id}}/x")).containsExactly("deny");
  }

  @Test
  void denyIsNotACapabilityARequestCanAskFor() {
    Acl acl = acl("path \"x\" { capabilities = [\"read\"] }");
    assertThatThrownBy(() -> acl.check(Capability.DENY, "x", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manyRulesOfEveryKindStillPickTheRightOne() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      text.append("path \"app")
          .append(i)
          .append("/data/*\" { capabilities = [\"read\"] }\n")
          .append("path \"app")
          .append(i)
          .append("/+/config\" { capabilities = [\"update\"] }\n")
          .append("path \"app")
          .append(i)
          .append("/exact\" { capabilities = [\"delete\"] }\n");
    }
    Acl acl = acl(text.toString());

    assertThat(allows(acl, Capability.READ, "app123/data/x/y")).isTrue();
    assertThat(allows(acl, Capability.UPDATE, "app123/other/config")).isTrue();
    // The glob's wildcard comes later than the +, so the glob decides (rule 1).
    assertThat(allows(acl, Capability.READ, "app123/data/config")).isTrue();
    assertThat(allows(acl, Capability.UPDATE, "app123/data/config")).isFalse();
    assertThat(allows(acl, Capability.DELETE, "app299/exact")).isTrue();
    assertThat(allows(acl, Capability.READ, "app300/data/x")).isFalse();
  }
}
