package dev.coffer.backend.database;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Names of dynamic users, as Vault's PostgreSQL plugin makes them: {@code v-<display name,
 * 8>-<role, 8>-<20 random characters>-<unix time>}, at most 63 characters, only letters, digits,
 * {@code _} and {@code -} so that the name is safe to template into any statement.
 */
final class Usernames {
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Usernames() {}

  static String generate(String displayName, String roleName, Instant now) {
    String name =
        "v-"
            + truncate(clean(displayName), 8)
            + "-"
            + truncate(clean(roleName), 8)
            + "-"
            + random(20)
            + "-"
            + now.getEpochSecond();
    return truncate(name, Identifiers.MAX_LENGTH);
  }

  private static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      b.append(ok ? c : '_');
    }
    return b.toString();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static String random(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    return b.toString();
  }
}
