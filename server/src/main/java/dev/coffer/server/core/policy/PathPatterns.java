package dev.coffer.server.core.policy;

/** Checks and classifies the path patterns of policy rules. */
final class PathPatterns {
  private PathPatterns() {}

  /** The pattern without its leading {@code /}, as Vault stores it. */
  static String normalize(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  /**
   * Rejects patterns Vault rejects ({@code +*}) and patterns that cannot mean what their author
   * meant: an empty path, a {@code *} anywhere but at the end (Vault would silently treat it as a
   * literal character), or a malformed or unknown {@code {{...}}} template.
   */
  static void validate(String path, int line, int column) {
    if (path.isEmpty()) {
      throw new PolicyParseException(line, column, "a path must not be empty");
    }
    if (path.contains("+*")) {
      throw new PolicyParseException(
          line, column, "path \"" + path + "\": invalid use of wildcards ('+*' is forbidden)");
    }
    int star = path.indexOf('*');
    if (star >= 0 && star != path.length() - 1) {
      throw new PolicyParseException(
          line,
          column,
          "path \"" + path + "\": '*' is only allowed as the last character of a path");
    }
    String templateError = PolicyTemplate.check(path);
    if (templateError != null) {
      throw new PolicyParseException(line, column, "path \"" + path + "\": " + templateError);
    }
  }

  /** Whether the pattern has {@code +} segments (Vault's "segment wildcard" paths). */
  static boolean hasSegmentWildcards(String path) {
    return path.equals("+") || path.startsWith("+/") || path.contains("/+");
  }
}
