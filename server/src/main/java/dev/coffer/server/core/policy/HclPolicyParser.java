package dev.coffer.server.core.policy;

import dev.coffer.spi.CofferException;
import java.util.Locale;
import java.util.Objects;

/**
 * Parses ACL policies in Vault's syntax: HCL ({@code path "secret/*" { capabilities = ["read"] }})
 * or, when the text starts with <code>{</code>, the JSON form ({@code {"path": {"secret/*":
 * {"capabilities": ["read"]}}}}).
 *
 * <p>Inside a {@code path} block the keys are {@code capabilities}, {@code allowed_parameters},
 * {@code denied_parameters}, {@code required_parameters}, {@code min_wrapping_ttl}, {@code
 * max_wrapping_ttl}, Coffer's {@code step_up = { mfa = "totp", max_age = "5m" }} (see {@link
 * StepUp}) and the legacy {@code policy = "read"|"write"|"sudo"|"deny"}. Any other key is an error
 * naming it and its line (Vault Enterprise keys such as {@code mfa_methods} or {@code
 * control_group} are not supported). Comments ({@code #}, {@code //}, {@code /* *}{@code /}) and
 * trailing commas are allowed; heredocs are not.
 */
public final class HclPolicyParser {
  private HclPolicyParser() {}

  /**
   * Parses the policy {@code name} from {@code text}.
   *
   * @throws PolicyParseException (a 400) naming the line and column of the first error
   * @throws CofferException (a 400) if {@code name} is {@code root}, which is built in and cannot
   *     be written
   */
  public static Policy parse(String name, String text) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    if (BuiltInPolicies.ROOT.equals(name.trim().toLowerCase(Locale.ROOT))) {
      throw CofferException.invalid("cannot update root policy");
    }
    return PolicyDecoder.decode(name, syntaxTree(text), text);
  }

  /** The syntax tree of HCL text, or of its JSON form when it starts with <code>{</code>. */
  static HclNode.Block syntaxTree(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\uFEFF') {
        continue;
      }
      return c == '{' ? JsonPolicyReader.read(text) : HclSyntaxParser.parse(text);
    }
    return HclSyntaxParser.parse(text);
  }
}
