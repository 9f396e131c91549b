package dev.coffer.server.core.policy;

import dev.coffer.spi.Passwords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Parses password policies in Vault's syntax, with the same HCL (and JSON) reader as ACL policies:
 *
 * <pre>
 * length = 20
 * rule "charset" {
 *   charset   = "abcdefghijklmnopqrstuvwxyz"
 *   min-chars = 1
 * }
 * </pre>
 *
 * {@code length} is required (4 to {@value Passwords#MAX_LENGTH}); there must be at least one
 * {@code charset} rule; {@code min-chars} defaults to 0 and the rules' {@code min-chars} together
 * must fit in the length. Any other key or rule type is an error naming it and its line.
 */
public final class PasswordPolicyParser {
  private PasswordPolicyParser() {}

  /**
   * The policy written in {@code text}.
   *
   * @throws PolicyParseException (a 400) naming the line and column of the first error
   */
  public static PasswordPolicy parse(String text) {
    Objects.requireNonNull(text, "text");
    HclNode.Block root = HclPolicyParser.syntaxTree(text);
    Integer length = null;
    List<Passwords.Rule> rules = new ArrayList<>();
    for (HclNode.Entry e : root.entries()) {
      switch (e.key()) {
        case "length" -> {
          if (length != null) {
            throw new PolicyParseException(e.line(), e.column(), "duplicate key 'length'");
          }
          length = integer(e, 4, Passwords.MAX_LENGTH);
        }
        case "rule" -> rules(e.value(), rules);
        default ->
            throw new PolicyParseException(
                e.line(),
                e.column(),
                "unknown key '" + e.key() + "' (expected 'length' or 'rule')");
      }
    }
    if (length == null) {
      throw new PolicyParseException(root.line(), root.column(), "'length' must be set");
    }
    if (rules.isEmpty()) {
      throw new PolicyParseException(
          root.line(), root.column(), "at least one rule \"charset\" is required");
    }
    int required = rules.stream().mapToInt(Passwords.Rule::minChars).sum();
    if (required > length) {
      throw new PolicyParseException(
          root.line(),
          root.column(),
          "the rules ask for at least " + required + " characters but length is " + length);
    }
    return new PasswordPolicy(length, rules, text);
  }

  /** {@code rule = { "charset" = {...} }}, a list of such objects (JSON), or lists inside. */
  private static void rules(HclNode value, List<Passwords.Rule> out) {
    if (value instanceof HclNode.Items list) {
      for (HclNode item : list.items()) {
        rules(item, out);
      }
      return;
    }
    if (!(value instanceof HclNode.Block block)) {
      throw new PolicyParseException(
          value.line(), value.column(), "'rule' must be a block, not " + value.kind());
    }
    for (HclNode.Entry e : block.entries()) {
      if (!e.key().equals("charset")) {
        throw new PolicyParseException(
            e.line(), e.column(), "unknown rule type '" + e.key() + "' (expected \"charset\")");
      }
      charsetRules(e.value(), out);
    }
  }

  private static void charsetRules(HclNode value, List<Passwords.Rule> out) {
    if (value instanceof HclNode.Items list) {
      for (HclNode item : list.items()) {
        charsetRules(item, out);
      }
      return;
    }
    if (!(value instanceof HclNode.Block body)) {
      throw new PolicyParseException(
          value.line(), value.column(), "rule \"charset\" must be a block, not " + value.kind());
    }
    String charset = null;
    int minChars = 0;
    Set<String> seen = new HashSet<>();
    for (HclNode.Entry k : body.entries()) {
      if (!seen.add(k.key())) {
        throw new PolicyParseException(
            k.line(), k.column(), "duplicate key '" + k.key() + "' in rule \"charset\"");
      }
      switch (k.key()) {
        case "charset" -> charset = charset(k);
        case "min-chars", "min_chars" -> minChars = integer(k, 0, Passwords.MAX_LENGTH);
        default ->
            throw new PolicyParseException(
                k.line(), k.column(), "unknown key '" + k.key() + "' in rule \"charset\"");
      }
    }
    if (charset == null) {
      throw new PolicyParseException(
          body.line(), body.column(), "rule \"charset\" needs a non-empty 'charset'");
    }
    out.add(new Passwords.Rule(charset, minChars));
  }

  private static String charset(HclNode.Entry k) {
    if (!(k.value() instanceof HclNode.Text text) || text.value().isEmpty()) {
      throw new PolicyParseException(k.line(), k.column(), "'charset' must be a non-empty string");
    }
    boolean printable =
        text.value()
            .codePoints()
            .allMatch(
                cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT);
    if (!printable) {
      throw new PolicyParseException(
          k.line(), k.column(), "'charset' must hold printable characters only");
    }
    if (text.value().codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
      throw new PolicyParseException(
          k.line(), k.column(), "'charset' characters outside the basic plane are not supported");
    }
    return text.value();
  }

  private static int integer(HclNode.Entry k, int min, int max) {
    long n;
    if (k.value() instanceof HclNode.Num num && num.value() instanceof Long l) {
      n = l;
    } else if (k.value() instanceof HclNode.Text t && t.value().matches("\\d{1,9}")) {
      n = Long.parseLong(t.value());
    } else {
      throw new PolicyParseException(
          k.line(), k.column(), "'" + k.key() + "' must be a whole number");
    }
    if (n < min || n > max) {
      throw new PolicyParseException(
          k.line(), k.column(), "'" + k.key() + "' must be between " + min + " and " + max);
    }
    return (int) n;
  }
}
