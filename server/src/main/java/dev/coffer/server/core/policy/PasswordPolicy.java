package dev.coffer.server.core.policy;

import dev.coffer.spi.Passwords;
import java.util.List;
import java.util.Objects;

/**
 * A password policy ({@code sys/policies/password/:name}): a length and charset rules, as Vault
 * writes them ({@code length = 20} and {@code rule "charset" { charset = "abc" min-chars = 1 }}).
 *
 * @param length how many characters a password has
 * @param rules the charset rules; passwords draw from their union
 * @param raw the text as written
 */
public record PasswordPolicy(int length, List<Passwords.Rule> rules, String raw) {

  public PasswordPolicy {
    rules = List.copyOf(rules);
    Objects.requireNonNull(raw, "raw");
  }

  /** A new random password that satisfies every rule. */
  public String generate() {
    return Passwords.generate(length, rules);
  }
}
