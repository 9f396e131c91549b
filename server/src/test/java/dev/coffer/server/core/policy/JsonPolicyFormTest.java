package dev.coffer.server.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPolicyFormTest {

  @Test
  void jsonPoliciesParseIntoTheSameRulesAsHcl() {
    Policy json =
        HclPolicyParser.parse(
            "j",
            """
            {
              "path": {
                "secret/*": {"capabilities": ["read", "list"]},
                "secret/restricted": {
                  "capabilities": ["create"],
                  "allowed_parameters": {"bar": ["zip", "zap"], "*": []},
                  "required_parameters": ["bar"],
                  "max_wrapping_ttl": "90s"
                }
              }
            }
            """);
    Policy hcl =
        HclPolicyParser.parse(
            "j",
            """
            path "secret/*" { capabilities = ["read", "list"] }
            path "secret/restricted" {
              capabilities = ["create"]
              allowed_parameters = { "bar" = ["zip", "zap"], "*" = [] }
              required_parameters = ["bar"]
              max_wrapping_ttl = "90s"
            }
            """);

    assertThat(json.rules())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("line")
        .isEqualTo(hcl.rules());
    assertThat(json.rules().get(1).maxWrappingTtl()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void jsonAcceptsAListOfPathObjectsAndANameKey() {
    Policy p =
        HclPolicyParser.parse(
            "j",
            """
            {"name": "ignored", "path": [
              {"a/*": {"capabilities": ["read"]}},
              {"b": {"capabilities": ["deny"]}}
            ]}
            """);

    assertThat(p.name()).isEqualTo("j");
    assertThat(p.rules()).extracting(PathRule::path).containsExactly("a/*", "b");
    assertThat(Policies.allows(Acl.of(List.of(p)), Capability.READ, "a/x")).isTrue();
  }

  @Test
  void jsonParameterValuesKeepTheirTypes() {
    PathRule r =
        HclPolicyParser.parse(
                "j",
                "{\"path\": {\"t\": {\"capabilities\": [\"create\"],"
                    + " \"allowed_parameters\": {\"n\": [1, 2.5, true, {\"k\": \"v\"}]}}}}")
            .rules()
            .get(0);

    assertThat(r.allowedParameters().get("n")).containsExactly(1L, 2.5, true, Map.of("k", "v"));
  }

  @Test
  void malformedJsonNamesTheLineAndColumn() {
    assertThatThrownBy(
            () ->
                HclPolicyParser.parse(
                    "j", "{\n  \"path\": {\n    \"a\": {\"capabilities\": [\"read\"]\n  }\n"))
        .isInstanceOfSatisfying(
            PolicyParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(5);
              assertThat(e.detail()).startsWith("invalid JSON");
            });
  }

  @Test
  void semanticErrorsInJsonNameTheLineOfTheOffendingValue() {
    assertThatThrownBy(
            () ->
                HclPolicyParser.parse(
                    "j",
                    "{\n  \"path\": {\n    \"a\": {\n      \"capabilities\": [\"read\", \"raed\"]\n"
                        + "    }\n  }\n}\n"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("line 4, column 32: invalid capability 'raed'");
    assertThatThrownBy(
            () -> HclPolicyParser.parse("j", "{\"path\": {\"a\": {\"mfa_methods\": [\"x\"]}}}"))
        .hasMessageContaining("line 1, column 17: unknown key 'mfa_methods' in path \"a\"");
    assertThatThrownBy(() -> HclPolicyParser.parse("j", "{\"path\": null}"))
        .hasMessageContaining("null is not a valid policy value");
    assertThatThrownBy(() -> HclPolicyParser.parse("j", "{} {}"))
        .hasMessageContaining("unexpected content after the policy object");
  }
}
