package dev.coffer.server.core.policy;

import static dev.coffer.server.core.policy.Policies.acl;
import static dev.coffer.server.core.policy.Policies.allows;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Vault's "priority matching" rules: each example of the policies documentation, and a case per
 * rule. Each case gives the lower-priority pattern {@code read} and the higher one {@code update},
 * so the winner shows in which of the two is allowed.
 */
class AclPriorityTest {

  private static void higherWins(String lower, String higher, String path) {
    Acl acl =
        acl(
            "path \"" + lower + "\" { capabilities = [\"read\"] }",
            "path \"" + higher + "\" { capabilities = [\"update\"] }");
    assertThat(allows(acl, Capability.UPDATE, path))
        .as("%s should beat %s on %s", higher, lower, path)
        .isTrue();
    assertThat(allows(acl, Capability.READ, path)).isFalse();
    assertThat(acl.check(Capability.UPDATE, path, Map.of()).matchedPath()).isEqualTo(higher);
  }

  @Test
  void docsExampleTheGlobWithNoPlusSegmentsBeatsTwoPlusSegmentsByRuleThree() {
    higherWins("secret/+/+/foo/*", "secret/*", "secret/a/b/foo/bar");
  }

  @Test
  void ruleOneAWildcardAppearingLaterWins() {
    higherWins("+/*", "foo/+/*", "foo/bar/bar/baz");
    higherWins("foo/+/(ar/baz", "foo/(ar/+/baz", "foo/(ar/(ar/baz");
    higherWins("secret/+/config", "secret/data/*", "secret/data/config");
  }

  @Test
  void ruleOneWithEqualPositionsFallsThroughSoTheBareGlobBeatsPlusGlob() {
    higherWins("+/*", "*", "foo/bar/bar/baz");
  }

  @Test
  void ruleTwoAPatternNotEndingInAGlobWins() {
    higherWins("foo/bar/+/baz*", "foo/bar/+/baz", "foo/bar/bar/baz");
    higherWins("foo/+/+/*", "foo/+/bar/baz", "foo/bar/bar/baz");
  }

  @Test
  void ruleThreeFewerPlusSegmentsWin() {
    higherWins("foo/+/+/baz", "foo/+/bar/baz", "foo/bar/bar/baz");
  }

  @Test
  void ruleFourTheLongerPatternWins() {
    higherWins("foo/bar/+/b*", "foo/bar/+/ba*", "foo/bar/bar/baz");
    higherWins("secret/*", "secret/data/*", "secret/data/x");
  }

  @Test
  void ruleFiveTheLexicographicallyGreaterPatternWins() {
    // Same first-wildcard position, neither a glob, two + each, same length: '+' < 'c'.
    higherWins("a/+/+/d", "a/+/c/+", "a/x/c/d");
  }

  @Test
  void anExactMatchBeatsEveryWildcard() {
    higherWins("secret/*", "secret/foo", "secret/foo");
    higherWins("secret/+", "secret/foo", "secret/foo");
  }

  @Test
  void docsExamplesOfGlobMatching() {
    Acl acl =
        acl(
            """
            path "secret/foo" { capabilities = ["read"] }
            path "secret/bar/*" { capabilities = ["read"] }
            path "secret/zip-*" { capabilities = ["read"] }
            """);

    assertThat(allows(acl, Capability.READ, "secret/foo")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/food")).isFalse();
    assertThat(allows(acl, Capability.READ, "secret/foo/bar")).isFalse();
    assertThat(allows(acl, Capability.READ, "secret/bar/zip")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/bar/zip/zap")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/bars/zip")).isFalse();
    assertThat(allows(acl, Capability.READ, "secret/zip-zap")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/zip-zap/zong")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/zip/zap")).isFalse();
  }

  @Test
  void docsExampleAGlobWithoutSlashMatchesLongerNames() {
    Acl acl = acl("path \"secret/foo*\" { capabilities = [\"read\"] }");

    assertThat(allows(acl, Capability.READ, "secret/foobar")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/foo")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/fo")).isFalse();
  }

  @Test
  void docsExamplesOfPlusSegments() {
    Acl acl =
        acl(
            """
            path "secret/+/teamb" { capabilities = ["read"] }
            path "secret/+/+/teamb" { capabilities = ["read"] }
            """);

    assertThat(allows(acl, Capability.READ, "secret/foo/teamb")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/foo/bar/teamb")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/bar/foo/teamb")).isTrue();
    assertThat(allows(acl, Capability.READ, "secret/teamb")).isFalse();
    assertThat(allows(acl, Capability.READ, "secret/a/b/c/teamb")).isFalse();
    assertThat(allows(acl, Capability.READ, "secret/foo/teamb/x")).isFalse();
  }

  @Test
  void docsExampleAnExplicitDenyOnASubpathTakesPrecedenceOverTheBroadGlob() {
    Acl acl =
        acl(
            """
            path "secret/*" {
              capabilities = ["create", "read", "update", "patch", "delete", "list"]
            }
            path "secret/super-secret" { capabilities = ["deny"] }
            """);

    assertThat(allows(acl, Capability.READ, "secret/other")).isTrue();
    for (Capability c : new Capability[] {Capability.READ, Capability.UPDATE, Capability.DELETE}) {
      assertThat(allows(acl, c, "secret/super-secret")).isFalse();
    }
    assertThat(acl.check(Capability.READ, "secret/super-secret", Map.of()).reason())
        .contains("denied by path \"secret/super-secret\"");
  }

  @Test
  void onlyTheLongestGlobCountsAmongPlainGlobs() {
    Acl acl =
        acl(
            """
            path "secret/*" { capabilities = ["read", "list"] }
            path "secret/app/*" { capabilities = ["update"] }
            """);

    assertThat(allows(acl, Capability.READ, "secret/app/x")).isFalse();
    assertThat(allows(acl, Capability.UPDATE, "secret/app/x")).isTrue();
  }
}
