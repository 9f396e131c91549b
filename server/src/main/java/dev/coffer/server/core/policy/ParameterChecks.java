package dev.coffer.server.core.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code required_parameters}, {@code denied_parameters} and {@code allowed_parameters}, checked as
 * Vault checks them: parameter names compare lower-cased; a value list of {@code []} means any
 * value; string values in a list may start and/or end with a {@code *} glob; a list value (or a
 * comma-separated string) is allowed only if every element is allowed and denied if any element is
 * denied; the values of {@code policies} and {@code token_policies} compare lower-cased.
 *
 * <p>Reasons name parameters but never their values, which may be secret.
 */
final class ParameterChecks {
  private ParameterChecks() {}

  /** Why the parameters break the rule's constraints, or {@code null} if they do not. */
  static String violation(Permissions p, Map<String, ?> params) {
    for (String r : p.required) {
      if (!params.containsKey(r.toLowerCase(Locale.ROOT))) {
        return "required parameter '" + r + "' is missing";
      }
    }
    if (params.isEmpty()) {
      return null;
    }
    if (!p.denied.isEmpty()) {
      if (p.denied.containsKey("*")) {
        return "no parameters are allowed on path \"" + p.pattern + "\"";
      }
      for (Map.Entry<String, ?> e : params.entrySet()) {
        String name = e.getKey().toLowerCase(Locale.ROOT);
        List<Object> values = p.denied.get(name);
        if (values != null && inDeniedList(normalized(name, e.getValue()), values)) {
          return "parameter '" + e.getKey() + "' is denied on path \"" + p.pattern + "\"";
        }
      }
    }
    if (p.allowed.isEmpty()) {
      return null;
    }
    boolean anyOther = p.allowed.containsKey("*");
    if (anyOther && p.allowed.size() == 1) {
      return null;
    }
    for (Map.Entry<String, ?> e : params.entrySet()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      List<Object> values = p.allowed.get(name);
      if (values == null) {
        if (!anyOther) {
          return "parameter '" + e.getKey() + "' is not allowed on path \"" + p.pattern + "\"";
        }
      } else if (!inAllowedList(normalized(name, e.getValue()), values)) {
        return "a value of parameter '"
            + e.getKey()
            + "' is not allowed on path \""
            + p.pattern
            + "\"";
      }
    }
    return null;
  }

  static boolean inAllowedList(Object value, List<Object> allowed) {
    if (allowed.isEmpty() || matchesAny(value, allowed)) {
      return true;
    }
    if (value instanceof Collection<?> c) {
      for (Object v : c) {
        if (!matchesAny(v, allowed)) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof String s && s.indexOf(',') >= 0) {
      for (String part : s.split(",", -1)) {
        if (!matchesAny(part.trim(), allowed)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  static boolean inDeniedList(Object value, List<Object> denied) {
    if (denied.isEmpty() || matchesAny(value, denied)) {
      return true;
    }
    if (value instanceof Collection<?> c) {
      for (Object v : c) {
        if (matchesAny(v, denied)) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof String s && s.indexOf(',') >= 0) {
      for (String part : s.split(",", -1)) {
        if (matchesAny(part.trim(), denied)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesAny(Object value, List<Object> candidates) {
    for (Object c : candidates) {
      if (c == null || value == null) {
        if (c == value) {
          return true;
        }
      } else if (c instanceof String pattern) {
        if (value instanceof String s && globMatches(pattern, s)) {
          return true;
        }
      } else if (deepEquals(c, value)) {
        return true;
      }
    }
    return false;
  }

  /** {@code foo-*} prefix, {@code *-foo} suffix, {@code *foo*} substring, else equality. */
  static boolean globMatches(String pattern, String value) {
    if (pattern.length() < 2) {
      return pattern.equals(value);
    }
    boolean starts = pattern.charAt(0) == '*';
    boolean ends = pattern.charAt(pattern.length() - 1) == '*';
    if (starts && ends) {
      return value.contains(pattern.substring(1, pattern.length() - 1));
    }
    if (starts) {
      return value.endsWith(pattern.substring(1));
    }
    if (ends) {
      return value.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return pattern.equals(value);
  }

  /** Equality of JSON-like values, comparing numbers by value ({@code 1 == 1.0}). */
  static boolean deepEquals(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      BigDecimal bx = decimal(x);
      BigDecimal by = decimal(y);
      return bx != null && by != null ? bx.compareTo(by) == 0 : x.equals(y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<?> i = x.iterator();
      Iterator<?> j = y.iterator();
      while (i.hasNext()) {
        if (!deepEqualsNullable(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey()) || !deepEqualsNullable(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean deepEqualsNullable(Object a, Object b) {
    return a == null || b == null ? a == b : deepEquals(a, b);
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    return BigDecimal.valueOf(n.longValue());
  }

  /** Vault lower-cases policy names, so constraints on them compare lower-cased. */
  private static Object normalized(String name, Object value) {
    if (!name.equals("policies") && !name.equals("token_policies")) {
      return value;
    }
    if (value instanceof String s) {
      return s.toLowerCase(Locale.ROOT);
    }
    if (value instanceof Collection<?> c) {
      return c.stream().map(v -> v instanceof String s ? s.toLowerCase(Locale.ROOT) : v).toList();
    }
    return value;
  }
}
