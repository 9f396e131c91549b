package dev.coffer.auth.jwt;

import dev.coffer.spi.CofferException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading a token's claims the way Vault does: a name is a top-level claim, a name starting with
 * {@code /} is a JSON pointer into nested claims ({@code /kubernetes.io/namespace}).
 */
final class Claims {
  private Claims() {}

  /** The claim {@code name} (a top-level name or a JSON pointer), or {@code null}. */
  static Object get(Map<String, Object> claims, String name) {
    if (!name.startsWith("/")) {
      return claims.get(name);
    }
    Object at = claims;
    for (String raw : name.substring(1).split("/", -1)) {
      String token = raw.replace("~1", "/").replace("~0", "~");
      if (at instanceof Map<?, ?> m) {
        at = m.get(token);
      } else if (at instanceof List<?> l && token.matches("\\d+")) {
        int i = Integer.parseInt(token);
        at = i < l.size() ? l.get(i) : null;
      } else {
        return null;
      }
    }
    return at;
  }

  /** A scalar claim as text (strings, numbers, booleans), or {@code null} for anything else. */
  static String text(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return null;
  }

  /** Checks the role's {@code bound_claims}; 400 naming the first claim that does not match. */
  static void checkBound(Map<String, Object> claims, Map<String, Object> bound, boolean glob) {
    for (Map.Entry<String, Object> e : bound.entrySet()) {
      Object actual = get(claims, e.getKey());
      if (actual == null) {
        throw CofferException.invalid(
            "error validating claims: claim \"" + e.getKey() + "\" is missing");
      }
      List<?> expected = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
      List<?> actuals = actual instanceof List<?> l ? l : List.of(actual);
      if (!anyMatches(actuals, expected, glob)) {
        throw CofferException.invalid(
            "error validating claims: claim \""
                + e.getKey()
                + "\" does not match any associated bound claim values");
      }
    }
  }

  private static boolean anyMatches(List<?> actuals, List<?> expected, boolean glob) {
    for (Object a : actuals) {
      String have = text(a);
      if (have == null) {
        continue;
      }
      for (Object x : expected) {
        String want = text(x);
        if (want != null && (glob ? globMatches(want, have) : want.equals(have))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code text} matches {@code pattern}, in which {@code *} stands for any run. */
  static boolean globMatches(String pattern, String text) {
    String[] parts = pattern.split("\\*", -1);
    if (parts.length == 1) {
      return pattern.equals(text);
    }
    if (!text.startsWith(parts[0])) {
      return false;
    }
    int pos = parts[0].length();
    for (int i = 1; i < parts.length - 1; i++) {
      int at = text.indexOf(parts[i], pos);
      if (at < 0) {
        return false;
      }
      pos = at + parts[i].length();
    }
    String last = parts[parts.length - 1];
    return text.length() - pos >= last.length() && text.endsWith(last);
  }

  /**
   * The alias metadata of {@code claim_mappings}: each mapped claim present in the token, as text.
   */
  static Map<String, String> mapped(Map<String, Object> claims, Map<String, String> mappings) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : mappings.entrySet()) {
      Object v = get(claims, e.getKey());
      if (v == null) {
        continue;
      }
      String s = text(v);
      if (s == null) {
        throw CofferException.invalid(
            "error converting claim \"" + e.getKey() + "\" to string for claim_mappings");
      }
      out.put(e.getValue(), s);
    }
    return out;
  }
}
