package dev.coffer.server.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.Passwords;
import org.junit.jupiter.api.Test;

class PasswordPolicyParserTest {
  private static final String ALNUM =
      """
      length = 24
      rule "charset" {
        charset = "abcdefghijklmnopqrstuvwxyz"
        min-chars = 2
      }
      rule "charset" {
        charset = "0123456789"
        min-chars = 3
      }
      """;

  @Test
  void lengthAndCharsetRulesAreRead() {
    PasswordPolicy p = PasswordPolicyParser.parse(ALNUM);

    assertThat(p.length()).isEqualTo(24);
    assertThat(p.rules())
        .containsExactly(
            new Passwords.Rule("abcdefghijklmnopqrstuvwxyz", 2),
            new Passwords.Rule("0123456789", 3));
    assertThat(p.raw()).isEqualTo(ALNUM);
  }

  @Test
  void generatedPasswordsHaveTheLengthAndEveryRulesMinimum() {
    PasswordPolicy p = PasswordPolicyParser.parse(ALNUM);
    for (int i = 0; i < 50; i++) {
      String pw = p.generate();
      assertThat(pw).hasSize(24).matches("[a-z0-9]+");
      assertThat(pw.chars().filter(Character::isDigit).count()).isGreaterThanOrEqualTo(3);
      assertThat(pw.chars().filter(Character::isLowerCase).count()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void minCharsDefaultsToZero() {
    PasswordPolicy p =
        PasswordPolicyParser.parse("length = 8\nrule \"charset\" { charset = \"ab\" }");

    assertThat(p.rules()).containsExactly(new Passwords.Rule("ab", 0));
    assertThat(p.generate()).matches("[ab]{8}");
  }

  @Test
  void theJsonFormIsAccepted() {
    PasswordPolicy p =
        PasswordPolicyParser.parse(
            "{\"length\": 10, \"rule\": [{\"charset\": {\"charset\": \"xyz\", \"min-chars\": 1}}]}");

    assertThat(p.length()).isEqualTo(10);
    assertThat(p.rules()).containsExactly(new Passwords.Rule("xyz", 1));
  }

  @Test
  void aMissingLengthIsRefused() {
    assertThatThrownBy(() -> PasswordPolicyParser.parse("rule \"charset\" { charset = \"ab\" }"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("'length' must be set");
  }

  @Test
  void aPolicyWithoutRulesIsRefused() {
    assertThatThrownBy(() -> PasswordPolicyParser.parse("length = 20"))
        .hasMessageContaining("at least one rule \"charset\" is required");
  }

  @Test
  void rulesAskingForMoreThanTheLengthAreRefused() {
    assertThatThrownBy(
            () ->
                PasswordPolicyParser.parse(
                    "length = 4\nrule \"charset\" { charset = \"ab\"\n min-chars = 5 }"))
        .hasMessageContaining("the rules ask for at least 5 characters but length is 4");
  }

  @Test
  void anUnknownRuleTypeIsNamedWithItsLine() {
    assertThatThrownBy(
            () -> PasswordPolicyParser.parse("length = 20\nrule \"regex\" { pattern = \"a\" }"))
        .hasMessage(
            "failed to parse policy: line 2, column 6: unknown rule type 'regex' (expected"
                + " \"charset\")");
  }

  @Test
  void anUnknownKeyIsNamed() {
    assertThatThrownBy(
            () ->
                PasswordPolicyParser.parse(
                    "length = 20\nsize = 3\nrule \"charset\" {charset=\"a\"}"))
        .hasMessageContaining("unknown key 'size'");
  }

  @Test
  void aLengthOutOfRangeIsRefused() {
    assertThatThrownBy(
            () -> PasswordPolicyParser.parse("length = 3\nrule \"charset\" { charset = \"ab\" }"))
        .hasMessageContaining("'length' must be between 4 and 4096");
  }

  @Test
  void anEmptyCharsetIsRefused() {
    assertThatThrownBy(
            () -> PasswordPolicyParser.parse("length = 8\nrule \"charset\" { charset = \"\" }"))
        .hasMessageContaining("'charset' must be a non-empty string");
  }
}
