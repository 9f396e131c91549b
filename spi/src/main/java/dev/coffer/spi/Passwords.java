package dev.coffer.spi;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Random passwords from a length and charset rules, as Vault's password policies describe them.
 * {@link #generateDefault()} follows Vault's default policy: 20 characters of letters, digits and
 * {@code -}, with at least one lowercase letter, one uppercase letter, one digit and one {@code -}.
 */
public final class Passwords {
  /** The length of a default password. */
  public static final int DEFAULT_LENGTH = 20;

  /** The longest password a policy may ask for. */
  public static final int MAX_LENGTH = 4096;

  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String DIGITS = "0123456789";

  /** Vault's default rules. */
  public static final List<Rule> DEFAULT_RULES =
      List.of(new Rule(LOWER, 1), new Rule(UPPER, 1), new Rule(DIGITS, 1), new Rule("-", 1));

  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  /**
   * One charset rule: characters come from the union of every rule's charset, and at least {@code
   * minChars} of them from this one.
   */
  public record Rule(String charset, int minChars) {
    public Rule {
      Objects.requireNonNull(charset, "charset");
      if (charset.isEmpty()) {
        throw new IllegalArgumentException("a charset rule needs at least one character");
      }
      if (minChars < 0) {
        throw new IllegalArgumentException("min-chars must not be negative");
      }
    }
  }

  /** A password by Vault's default policy. */
  public static String generateDefault() {
    return generate(DEFAULT_LENGTH, DEFAULT_RULES);
  }

  /**
   * A password of {@code length} characters that satisfies every rule.
   *
   * @throws IllegalArgumentException if the rules ask for more characters than {@code length}, or
   *     the length is out of range
   */
  public static String generate(int length, List<Rule> rules) {
    if (length < 4 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("length must be between 4 and " + MAX_LENGTH);
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("a password policy needs at least one charset rule");
    }
    int required = rules.stream().mapToInt(Rule::minChars).sum();
    if (required > length) {
      throw new IllegalArgumentException(
          "the charset rules ask for " + required + " characters but the length is " + length);
    }
    StringBuilder union = new StringBuilder();
    for (Rule r : rules) {
      r.charset()
          .chars()
          .filter(c -> union.indexOf(String.valueOf((char) c)) < 0)
          .forEach(c -> union.append((char) c));
    }
    List<Character> chars = new ArrayList<>(length);
    for (Rule r : rules) {
      for (int i = 0; i < r.minChars(); i++) {
        chars.add(r.charset().charAt(RANDOM.nextInt(r.charset().length())));
      }
    }
    while (chars.size() < length) {
      chars.add(union.charAt(RANDOM.nextInt(union.length())));
    }
    java.util.Collections.shuffle(chars, RANDOM);
    StringBuilder out = new StringBuilder(length);
    chars.forEach(out::append);
    return out.toString();
  }
}
