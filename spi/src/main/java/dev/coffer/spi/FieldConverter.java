package dev.coffer.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a request's raw JSON values to the types its {@link PathSpec} declares, accepting the
 * loose forms Vault accepts (numbers as strings, comma-separated lists, {@code "1h"} durations).
 * Fields that are not declared pass through unchanged.
 */
public final class FieldConverter {
  private FieldConverter() {}

  /**
   * Returns a new map with every declared field converted.
   *
   * @throws CofferException with {@link ErrorCode#INVALID_REQUEST} naming the first bad field
   */
  public static Map<String, Object> convert(
      Map<String, FieldSpec> specs, Map<String, Object> data) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : data.entrySet()) {
      FieldSpec spec = specs.get(e.getKey());
      Object value = e.getValue();
      out.put(e.getKey(), spec == null || value == null ? value : convert(spec, value));
    }
    return out;
  }

  private static Object convert(FieldSpec spec, Object v) {
    try {
      return switch (spec.type()) {
        case STRING -> stringOf(v);
        case INT -> toLong(v);
        case BOOL -> toBool(v);
        case DURATION -> toDuration(v);
        case MAP -> toMap(v, false);
        case STRING_MAP -> toMap(v, true);
        case STRING_LIST -> toList(v, false);
        case INT_LIST -> toList(v, true);
        case ANY -> v;
      };
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw CofferException.invalid(
          "error converting input for field \""
              + spec.name()
              + "\": expected "
              + expected(spec.type()));
    }
  }

  private static String expected(FieldType type) {
    return switch (type) {
      case STRING -> "a string";
      case INT -> "a whole number";
      case BOOL -> "a boolean";
      case DURATION -> "a duration such as 30, \"30s\" or \"1h\"";
      case MAP -> "an object";
      case STRING_MAP -> "an object of strings";
      case STRING_LIST -> "a list of strings";
      case INT_LIST -> "a list of whole numbers";
      case ANY -> "a value";
    };
  }

  private static String stringOf(Object v) {
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    throw new IllegalArgumentException();
  }

  private static Long toLong(Object v) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d != Math.rint(d)) {
        throw new IllegalArgumentException();
      }
      return n.longValue();
    }
    if (v instanceof String s) {
      return Long.parseLong(s.trim());
    }
    throw new IllegalArgumentException();
  }

  private static Boolean toBool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      String t = s.trim();
      if (t.equalsIgnoreCase("true") || t.equals("1")) {
        return true;
      }
      if (t.equalsIgnoreCase("false") || t.equals("0") || t.isEmpty()) {
        return false;
      }
    }
    if (v instanceof Number n && (n.longValue() == 0 || n.longValue() == 1)) {
      return n.longValue() == 1;
    }
    throw new IllegalArgumentException();
  }

  private static Duration toDuration(Object v) {
    if (v instanceof Number n) {
      if (n.longValue() < 0) {
        throw new IllegalArgumentException();
      }
      return Duration.ofSeconds(n.longValue());
    }
    if (v instanceof String s) {
      return s.isBlank() ? Duration.ZERO : Durations.parse(s);
    }
    throw new IllegalArgumentException();
  }

  private static Map<String, Object> toMap(Object v, boolean stringsOnly) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object val = e.getValue();
      out.put(String.valueOf(e.getKey()), stringsOnly && val != null ? stringOf(val) : val);
    }
    return out;
  }

  private static List<Object> toList(Object v, boolean ints) {
    List<Object> raw = new ArrayList<>();
    if (v instanceof List<?> l) {
      raw.addAll(l);
    } else if (v instanceof String s) {
      if (!s.isBlank()) {
        for (String p : s.split(",")) {
          raw.add(p.trim());
        }
      }
    } else if (ints && v instanceof Number) {
      raw.add(v);
    } else {
      throw new IllegalArgumentException();
    }
    List<Object> out = new ArrayList<>();
    for (Object o : raw) {
      out.add(ints ? toLong(o) : stringOf(o));
    }
    return out;
  }
}
