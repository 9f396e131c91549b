package dev.coffer.backend.database;

/** Vault's glob match for {@code allowed_roles}: {@code *} matches any run of characters. */
final class Globs {
  private Globs() {}

  static boolean matches(String pattern, String value) {
    if (pattern.equals("*")) {
      return true;
    }
    String[] parts = pattern.split("\\*", -1);
    if (parts.length == 1) {
      return pattern.equals(value);
    }
    if (!value.startsWith(parts[0])) {
      return false;
    }
    int pos = parts[0].length();
    for (int i = 1; i < parts.length - 1; i++) {
      int found = value.indexOf(parts[i], pos);
      if (found < 0) {
        return false;
      }
      pos = found + parts[i].length();
    }
    String last = parts[parts.length - 1];
    return value.length() - pos >= last.length() && value.endsWith(last);
  }
}
