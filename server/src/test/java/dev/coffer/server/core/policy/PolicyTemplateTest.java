package dev.coffer.server.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTemplateTest {
  private static final Policy CI =
      HclPolicyParser.parse(
          "ci",
          """
          path "secret/data/ci/{{identity.entity.aliases.auth_jwt_1234.metadata.repository}}/*" {
            capabilities = ["read"]
          }
          path "secret/data/shared/*" { capabilities = ["read"] }
          """);

  private static IdentityContext repo(String repository) {
    return new IdentityContext(
        "entity-" + repository,
        "ci-" + repository,
        Map.of(),
        Map.of(
            "auth_jwt_1234",
            new IdentityContext.Alias("alias-1", "sub", Map.of("repository", repository))),
        List.of());
  }

  private static boolean reads(Acl acl, String path) {
    return acl.check(Capability.READ, path, Map.of()).allowed();
  }

  @Test
  void oneTemplatedPolicyGivesEachRepositoryOnlyItsOwnPath() {
    Acl a = Acl.of(List.of(CI), repo("repo-a"));
    Acl b = Acl.of(List.of(CI), repo("repo-b"));

    assertThat(reads(a, "secret/data/ci/repo-a/deploy-key")).isTrue();
    assertThat(reads(a, "secret/data/ci/repo-b/deploy-key")).isFalse();
    assertThat(reads(b, "secret/data/ci/repo-b/deploy-key")).isTrue();
    assertThat(reads(b, "secret/data/ci/repo-a/deploy-key")).isFalse();
    assertThat(reads(a, "secret/data/shared/x")).isTrue();
    assertThat(CI.templated()).isTrue();
  }

  @Test
  void anUnresolvableTemplateDropsOnlyThatRuleAndNeverMatchesEverything() {
    Acl noEntity = Acl.of(List.of(CI), IdentityContext.NONE);
    Acl otherMount =
        Acl.of(
            List.of(CI),
            new IdentityContext(
                "e",
                "n",
                Map.of(),
                Map.of("auth_github_9", new IdentityContext.Alias("a", "n", Map.of())),
                List.of()));
    Acl noKey =
        Acl.of(
            List.of(CI),
            new IdentityContext(
                "e",
                "n",
                Map.of(),
                Map.of("auth_jwt_1234", new IdentityContext.Alias("a", "n", Map.of("ref", "x"))),
                List.of()));

    for (Acl acl : List.of(noEntity, otherMount, noKey)) {
      assertThat(reads(acl, "secret/data/ci/repo-a/deploy-key")).isFalse();
      assertThat(reads(acl, "secret/data/ci//deploy-key")).isFalse();
      assertThat(reads(acl, "secret/data/shared/x")).isTrue();
    }
  }

  @Test
  void injectedSlashesDotsAndWildcardsMakeTheRuleUnresolvable() {
    for (String hostile :
        List.of("repo-a/../repo-b", "..", ".", "repo-a/x", "*", "repo+", "+", "", "a{{b}}")) {
      Acl acl = Acl.of(List.of(CI), repo(hostile));
      assertThat(reads(acl, "secret/data/ci/repo-b/deploy-key")).as(hostile).isFalse();
      assertThat(reads(acl, "secret/data/ci/repo-a/x/deploy-key")).as(hostile).isFalse();
      assertThat(reads(acl, "secret/data/ci/anything")).as(hostile).isFalse();
      assertThat(reads(acl, "secret/data/shared/x")).as(hostile).isTrue();
    }
  }

  @Test
  void aSlashInANameCannotReachAnotherEntitysExactPath() {
    Policy p =
        HclPolicyParser.parse(
            "own", "path \"secret/data/{{identity.entity.name}}\" { capabilities = [\"read\"] }");
    IdentityContext attacker = new IdentityContext("e2", "alice/config", null, null, null);

    Acl acl = Acl.of(List.of(p), attacker);

    assertThat(reads(acl, "secret/data/alice/config")).isFalse();
  }

  @Test
  void everySupportedDirectiveResolves() {
    IdentityContext id =
        new IdentityContext(
            "eid",
            "ename",
            Map.of("team", "blue"),
            Map.of("acc", new IdentityContext.Alias("aid", "aname", Map.of("org", "acme"))),
            List.of(new IdentityContext.Group("gid", "ops")));

    assertThat(
            PolicyTemplate.resolvePath(
                "x/{{identity.entity.id}}/{{ identity.entity.name }}"
                    + "/{{identity.entity.metadata.team}}",
                id))
        .contains("x/eid/ename/blue");
    assertThat(
            PolicyTemplate.resolvePath(
                "{{identity.entity.aliases.acc.id}}/{{identity.entity.aliases.acc.name}}"
                    + "/{{identity.entity.aliases.acc.metadata.org}}",
                id))
        .contains("aid/aname/acme");
    assertThat(
            PolicyTemplate.resolvePath(
                "g/{{identity.groups.names.ops.id}}/{{identity.groups.ids.gid.name}}", id))
        .contains("g/gid/ops");
    assertThat(PolicyTemplate.resolvePath("g/{{identity.groups.names.dev.id}}", id)).isEmpty();
    assertThat(PolicyTemplate.resolvePath("plain/path", id)).contains("plain/path");
  }

  @Test
  void resolvingKeepsTheOtherRulesAndTheRuleSettings() {
    Policy p =
        HclPolicyParser.parse(
            "t",
            """
            path "kv/{{identity.entity.id}}/*" {
              capabilities = ["create"]
              allowed_parameters = { "a" = [] }
            }
            path "kv/common" { capabilities = ["read"] }
            """);

    Policy resolved = PolicyTemplate.resolve(p, new IdentityContext("e1", null, null, null, null));

    assertThat(resolved.templated()).isFalse();
    assertThat(resolved.rules()).extracting(PathRule::path).containsExactly("kv/e1/*", "kv/common");
    assertThat(resolved.rules().get(0).allowedParameters()).containsKey("a");
    assertThat(PolicyTemplate.resolve(resolved, IdentityContext.NONE)).isSameAs(resolved);
  }

  @Test
  void theDefaultPolicyLetsAnEntityReadOnlyItsOwnEntity() {
    Acl acl =
        Acl.of(
            List.of(BuiltInPolicies.defaultPolicy()),
            new IdentityContext("e-123", "alice", null, null, null));

    assertThat(reads(acl, "identity/entity/id/e-123")).isTrue();
    assertThat(reads(acl, "identity/entity/name/alice")).isTrue();
    assertThat(reads(acl, "identity/entity/id/e-999")).isFalse();
    assertThat(reads(Acl.of(List.of(BuiltInPolicies.defaultPolicy())), "identity/entity/id/x"))
        .isFalse();
  }
}
