package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;

/**
 * Checks names that are put into SQL statements. Statements quote identifiers ({@code "{{name}}"})
 * and literals ({@code '{{name}}'}), so a name must contain neither kind of quote, no backslash and
 * no control character; PostgreSQL truncates names past 63 bytes.
 */
final class Identifiers {
  /** PostgreSQL's longest identifier (NAMEDATALEN - 1). */
  static final int MAX_LENGTH = 63;

  private Identifiers() {}

  /** {@code value} if it is safe to template; a 400 naming {@code field} otherwise. */
  static String requireSafe(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw CofferException.invalid(field + " is required");
    }
    if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LENGTH) {
      throw CofferException.invalid(field + " must be at most " + MAX_LENGTH + " bytes long");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\'' || c == '\\' || Character.isISOControl(c)) {
        throw CofferException.invalid(
            field + " must not contain quotes, backslashes or control characters");
      }
    }
    return value;
  }
}
