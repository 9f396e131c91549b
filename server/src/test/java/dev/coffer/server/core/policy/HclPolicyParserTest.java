package dev.coffer.server.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HclPolicyParserTest {

  @Test
  void parsesPathBlocksWithEveryConstraintKind() {
    Policy p =
        HclPolicyParser.parse(
            "app",
            """
            # full example
            path "secret/restricted" {
              capabilities = ["create", "update"]
              allowed_parameters = {
                "foo" = []
                "Bar" = ["zip", "zap"]
                "*" = []
              }
              denied_parameters = { "baz" = ["x*", 1, true] }
              required_parameters = ["foo"]
              min_wrapping_ttl = "1m"
              max_wrapping_ttl = 3600
            }
            path "secret/data/+/config" { capabilities = ["read"] }
            """);

    assertThat(p.name()).isEqualTo("app");
    assertThat(p.rules()).hasSize(2);
    PathRule r = p.rules().get(0);
    assertThat(r.path()).isEqualTo("secret/restricted");
    assertThat(r.line()).isEqualTo(2);
    assertThat(r.capabilities()).containsExactly(Capability.CREATE, Capability.UPDATE);
    assertThat(r.allowedParameters())
        .containsEntry("foo", List.of())
        .containsEntry("bar", List.of("zip", "zap"))
        .containsEntry("*", List.of());
    assertThat(r.deniedParameters()).containsEntry("baz", List.of("x*", 1L, true));
    assertThat(r.requiredParameters()).containsExactly("foo");
    assertThat(r.minWrappingTtl()).isEqualTo(Duration.ofMinutes(1));
    assertThat(r.maxWrappingTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(p.rules().get(1).path()).isEqualTo("secret/data/+/config");
    assertThat(p.raw()).contains("# full example");
  }

  @Test
  void acceptsAllCommentStylesTrailingCommasAndBlocksWithoutEquals() {
    Policy p =
        HclPolicyParser.parse(
            "c",
            """
            // line comment
            /* block
               comment */ path "a/*" {
              capabilities = ["read", "list",] # trailing comma
              allowed_parameters { "x" = ["1",], }
            },
            path "/b" { capabilities = [ "update" ] }
            """);

    assertThat(p.rules()).extracting(PathRule::path).containsExactly("a/*", "b");
    assertThat(p.rules().get(0).capabilities()).containsExactly(Capability.READ, Capability.LIST);
    assertThat(p.rules().get(0).allowedParameters()).containsEntry("x", List.of("1"));
  }

  @Test
  void denyDropsEveryOtherCapabilityAndConstraintOfItsRule() {
    PathRule r =
        HclPolicyParser.parse(
                "d",
                """
                path "secret/x" {
                  capabilities = ["read", "deny", "sudo"]
                  allowed_parameters = { "a" = [] }
                }
                """)
            .rules()
            .get(0);

    assertThat(r.capabilities()).containsExactly(Capability.DENY);
    assertThat(r.allowedParameters()).isEmpty();
    assertThat(r.denies()).isTrue();
  }

  @Test
  void legacyPolicyKeyMapsToCapabilitiesAsInVault() {
    Policy p =
        HclPolicyParser.parse(
            "legacy",
            """
            path "a/*" { policy = "read" }
            path "b/*" { policy = "write" }
            path "c/*" { policy = "sudo"  capabilities = ["patch"] }
            path "d/*" { policy = "deny" }
            """);

    assertThat(p.rules().get(0).capabilities()).containsExactly(Capability.READ, Capability.LIST);
    assertThat(p.rules().get(1).capabilities())
        .isEqualTo(
            EnumSet.of(
                Capability.CREATE,
                Capability.READ,
                Capability.UPDATE,
                Capability.DELETE,
                Capability.LIST));
    assertThat(p.rules().get(2).capabilities()).contains(Capability.SUDO, Capability.PATCH);
    assertThat(p.rules().get(3).capabilities()).containsExactly(Capability.DENY);
  }

  @Test
  void anEmptyPolicyHasNoRules() {
    assertThat(HclPolicyParser.parse("empty", "  # nothing\n").rules()).isEmpty();
    assertThat(HclPolicyParser.parse("empty", "").rules()).isEmpty();
  }

  @Test
  void aMissingEqualsIsReportedAtTheLineAndColumnOfWhatFollowsTheKey() {
    String text =
        """
        path "secret/*" {
          capabilities = ["read"]
        }
        path "secret/x" {
          capabilities ["read"]
        }
        """;

    assertThatThrownBy(() -> HclPolicyParser.parse("p", text))
        .isInstanceOfSatisfying(
            PolicyParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(5);
              assertThat(e.column()).isEqualTo(16);
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            })
        .hasMessage("failed to parse policy: line 5, column 16: expected '=' after 'capabilities'");
  }

  @Test
  void anUnknownCapabilityIsNamedWithItsLine() {
    assertThatThrownBy(
            () ->
                HclPolicyParser.parse(
                    "p", "path \"a\" {\n  capabilities = [\"read\", \"raed\"]\n}\n"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("line 2, column 27")
        .hasMessageContaining("invalid capability 'raed' in path \"a\"");
  }

  @Test
  void anUnknownKeyInsideAPathBlockIsNamedWithItsLine() {
    assertThatThrownBy(
            () ->
                HclPolicyParser.parse(
                    "p",
                    """
                    path "secret/*" {
                      capabilities = ["read"]
                      control_group = { max_ttl = "5m" }
                    }
                    """))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("line 3, column 3: unknown key 'control_group' in path \"secret/*\"");
  }

  @Test
  void anUnknownTopLevelKeyIsAnError() {
    assertThatThrownBy(() -> HclPolicyParser.parse("p", "paths \"a\" { capabilities = [] }"))
        .hasMessageContaining("line 1, column 1: unknown key 'paths'");
  }

  @Test
  void syntaxErrorsNameWhereTheyHappen() {
    assertError("path \"a\" {\n  capabilities = [\"read\"\n}", 3, 1, "expected ',' or ']'");
    assertError("path \"a {\n}", 1, 6, "unterminated string");
    assertError("/* open\npath \"a\" {}", 1, 1, "unterminated comment");
    assertError("path \"a\" {\n  capabilities = [\"read\"]\n", 3, 1, "expected '}'");
    assertError("path \"a\" { capabilities = [read] }", 1, 28, "strings need quotes");
    assertError("path \"a\" { capabilities = <<EOF\n}", 1, 27, "heredoc");
    assertError("path \"a\" { capabilities = [\"r\\qd\"] }", 1, 30, "invalid escape");
    assertError("path \"a\" { capabilities = [\"read\"] } }", 1, 38, "expected a key");
    assertError("path \"a\" @", 1, 10, "unexpected character '@'");
  }

  @Test
  void wildcardMisuseIsRejected() {
    assertError("path \"secret/+*\" { capabilities = [\"read\"] }", 1, 6, "'+*' is forbidden");
    assertError(
        "path \"secret/*/x\" { capabilities = [\"read\"] }",
        1,
        6,
        "'*' is only allowed as the last character");
    assertError("path \"\" { capabilities = [\"read\"] }", 1, 6, "must not be empty");
  }

  @Test
  void badValuesAreRejectedWithTheirPosition() {
    assertError("path \"a\" {\n capabilities = \"read\"\n}", 2, 17, "must be a list, not a string");
    assertError("path \"a\" {\n min_wrapping_ttl = \"soon\"\n}", 2, 21, "invalid duration");
    assertError(
        "path \"a\" {\n min_wrapping_ttl = \"1h\"\n max_wrapping_ttl = \"1m\"\n}",
        2,
        2,
        "max_wrapping_ttl cannot be less than min_wrapping_ttl");
    assertError(
        "path \"a\" {\n allowed_parameters = { \"*\" = [\"x\"] }\n}",
        2,
        25,
        "the only value allowed for parameter '*' is []");
    assertError(
        "path \"a\" {\n capabilities = []\n capabilities = [\"read\"]\n}",
        3,
        2,
        "duplicate key 'capabilities'");
    assertError("path \"a\" {\n allowed_parameters = { \"x\" = \"y\" }\n}", 2, 31, "a list");
  }

  @Test
  void malformedTemplatesAreRejectedAtParseTime() {
    assertError(
        "path \"secret/{{identity.entity.id}/x\" { capabilities = [\"read\"] }",
        1,
        6,
        "unbalanced templating characters");
    assertError(
        "path \"secret/{{identity.entity.colour}}/x\" { capabilities = [\"read\"] }",
        1,
        6,
        "unknown template directive 'identity.entity.colour'");
  }

  @Test
  void deepNestingIsRejectedInsteadOfOverflowingTheStack() {
    String deep = "path \"a\" { allowed_parameters = { \"x\" = " + "[".repeat(100);
    assertThatThrownBy(() -> HclPolicyParser.parse("p", deep))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("nesting is too deep");
  }

  @Test
  void theRootPolicyCannotBeParsedOrWritten() {
    assertThatThrownBy(() -> HclPolicyParser.parse("Root", "path \"a\" {}"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessage("cannot update root policy");
  }

  @Test
  void parameterKeysAreLowerCasedAndMergedWithinOneRule() {
    PathRule r =
        HclPolicyParser.parse(
                "p",
                """
                path "a" {
                  capabilities = ["create"]
                  denied_parameters = { "Foo" = ["a"], "foo" = ["b"] }
                }
                """)
            .rules()
            .get(0);

    assertThat(r.deniedParameters()).isEqualTo(Map.of("foo", List.of("b", "a")));
  }

  private static void assertError(String text, int line, int column, String detail) {
    assertThatThrownBy(() -> HclPolicyParser.parse("p", text))
        .as(text)
        .isInstanceOfSatisfying(
            PolicyParseException.class,
            e -> {
              assertThat(e.detail()).contains(detail);
              assertThat(e.line()).as("line of " + e.getMessage()).isEqualTo(line);
              assertThat(e.column()).as("column of " + e.getMessage()).isEqualTo(column);
            });
  }
}
