package dev.coffer.server.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepUpPolicyTest {

  @Test
  void hclStepUpIsParsedIntoTheRule() {
    Policy p =
        HclPolicyParser.parse(
            "prod",
            """
            path "secret/data/prod/*" {
              capabilities = ["read"]
              step_up = { mfa = "totp", max_age = "5m" }
            }
            path "secret/data/dev/*" { capabilities = ["read"] }
            """);

    assertThat(p.rules().get(0).stepUp()).isEqualTo(new StepUp("totp", "", Duration.ofMinutes(5)));
    assertThat(p.rules().get(1).stepUp()).isNull();
  }

  @Test
  void jsonAndBlockFormsGiveTheSameStepUp() {
    Policy json =
        HclPolicyParser.parse(
            "j",
            """
            {"path": {"secret/data/prod/*": {"capabilities": ["read"],
              "step_up": {"mfa": "totp", "max_age": 300, "method_id": "m1"}}}}
            """);
    Policy block =
        HclPolicyParser.parse(
            "b",
            """
            path "secret/data/prod/*" {
              capabilities = ["read"]
              step_up { mfa = "totp"
                max_age = "300s"
                method_id = "m1" }
            }
            """);

    StepUp expected = new StepUp("totp", "m1", Duration.ofSeconds(300));
    assertThat(json.rules().get(0).stepUp()).isEqualTo(expected);
    assertThat(block.rules().get(0).stepUp()).isEqualTo(expected);
  }

  @Test
  void stepUpWithoutTotpOrWithAnUnknownKeyIsRefusedWithItsLine() {
    assertThatThrownBy(
            () ->
                HclPolicyParser.parse(
                    "x",
                    "path \"a/*\" {\n capabilities = [\"read\"]\n step_up = { mfa = \"sms\" }\n}"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("mfa = \"totp\"");
    assertThatThrownBy(
            () ->
                HclPolicyParser.parse(
                    "x", "path \"a/*\" { step_up = { mfa = \"totp\", max_agee = \"5m\" } }"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("max_agee");
    assertThatThrownBy(
            () ->
                HclPolicyParser.parse(
                    "x", "path \"a/*\" { step_up = { mfa = \"totp\", max_age = \"soon\" } }"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("max_age");
  }

  @Test
  void theDecisionOfAStepUpRuleCarriesTheRequirement() {
    Acl acl =
        Policies.acl(
            """
            path "secret/data/prod/*" {
              capabilities = ["read"]
              step_up = { mfa = "totp", max_age = "5m" }
            }
            path "secret/data/prod/public" { capabilities = ["read"] }
            """);

    AclDecision guarded = acl.check(Capability.READ, "secret/data/prod/db", Map.of());
    AclDecision exact = acl.check(Capability.READ, "secret/data/prod/public", Map.of());

    assertThat(guarded.allowed()).isTrue();
    assertThat(guarded.stepUp()).isEqualTo(new StepUp("totp", "", Duration.ofMinutes(5)));
    assertThat(exact.allowed()).isTrue();
    assertThat(exact.stepUp()).as("the most specific rule decides alone").isNull();
  }

  @Test
  void aStepUpFromAnyPolicyOnThePatternAppliesWithTheShortestMaxAge() {
    Acl acl =
        Policies.acl(
            "path \"secret/data/prod/*\" { capabilities = [\"read\"] }",
            "path \"secret/data/prod/*\" { capabilities = [\"list\"]\n"
                + " step_up = { mfa = \"totp\", max_age = \"10m\" } }",
            "path \"secret/data/prod/*\" { capabilities = [\"update\"]\n"
                + " step_up = { mfa = \"totp\", max_age = \"2m\" } }");

    AclDecision d = acl.check(Capability.READ, "secret/data/prod/db", Map.of());

    assertThat(d.allowed()).isTrue();
    assertThat(d.stepUp().maxAge()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void deniedAndRootDecisionsCarryNoStepUp() {
    Acl acl =
        Policies.acl(
            "path \"secret/*\" { capabilities = [\"read\"]\n" + " step_up = { mfa = \"totp\" } }",
            "path \"secret/*\" { capabilities = [\"deny\"] }");

    assertThat(acl.check(Capability.READ, "secret/x", Map.of()).stepUp()).isNull();
    assertThat(Acl.root().check(Capability.READ, "secret/x", Map.of()).stepUp()).isNull();
  }
}
