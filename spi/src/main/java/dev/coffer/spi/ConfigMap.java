package dev.coffer.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a factory's configuration map and fails fast with a message that names the key.
 *
 * <pre>{@code
 * ConfigMap c = ConfigMap.of("storage", config, Set.of("path", "busy_timeout"));
 * Path file = Path.of(c.required("path"));
 * int timeout = c.integer("busy_timeout", 5000);
 * }</pre>
 */
public final class ConfigMap {
  private final String section;
  private final Map<String, String> values;

  private ConfigMap(String section, Map<String, String> values) {
    this.section = section;
    this.values = values;
  }

  /**
   * Wraps {@code values}, rejecting any key not in {@code allowed}.
   *
   * @param section where the map comes from, used in messages (e.g. {@code storage})
   * @throws IllegalArgumentException naming the first unknown key
   */
  public static ConfigMap of(String section, Map<String, String> values, Set<String> allowed) {
    Map<String, String> copy = new LinkedHashMap<>(values == null ? Map.of() : values);
    Set<String> unknown = new TreeSet<>(copy.keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown configuration key '"
              + qualified(section, unknown.iterator().next())
              + "' (known keys: "
              + String.join(", ", new TreeSet<>(allowed))
              + ")");
    }
    return new ConfigMap(section, copy);
  }

  /** The value of {@code key}; fails naming the key if it is missing or blank. */
  public String required(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(
          "missing configuration key '" + qualified(section, key) + "'");
    }
    return v;
  }

  /** The value of {@code key}, or {@code fallback}. */
  public String string(String key, String fallback) {
    String v = values.get(key);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** A whole number, or {@code fallback}; fails naming the key if it is not a number. */
  public int integer(String key, int fallback) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid value for '" + qualified(section, key) + "': expected a whole number");
    }
  }

  /** {@code true}/{@code false}, or {@code fallback}; fails naming the key otherwise. */
  public boolean bool(String key, boolean fallback) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              "invalid value for '" + qualified(section, key) + "': expected true or false");
    };
  }

  /** Whether {@code key} is set. */
  public boolean has(String key) {
    String v = values.get(key);
    return v != null && !v.isBlank();
  }

  /** The key's full name for messages, e.g. {@code storage.path}. */
  public String name(String key) {
    return qualified(section, key);
  }

  private static String qualified(String section, String key) {
    return section == null || section.isEmpty() ? key : section + "." + key;
  }
}
