package dev.coffer.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in configuration values: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}; a bare
 * number is seconds.
 */
final class ConfigDurations {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)?");

  private ConfigDurations() {}

  /**
   * The positive duration {@code value}, or {@code fallback} when absent.
   *
   * @throws ConfigException naming {@code key} when the value is not a positive duration
   */
  static Duration parse(String key, String value, Duration fallback) {
    return parse(key, value, fallback, null);
  }

  /**
   * As {@link #parse(String, String, Duration)}, refusing durations longer than {@code max} (no
   * bound when {@code null}).
   */
  static Duration parse(String key, String value, Duration fallback, Duration max) {
    if (value == null) {
      return fallback;
    }
    String bound = max == null ? "" : " up to " + max.toHours() + "h";
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw ConfigException.invalid(
          key, "expected a positive duration" + bound + " such as 500ms, 30s, 5m or 1h");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2) == null ? "s" : m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
    if (d.isZero()) {
      throw ConfigException.invalid(key, "must be greater than zero");
    }
    if (max != null && d.compareTo(max) > 0) {
      throw ConfigException.invalid(key, "must be at most " + max.toHours() + "h");
    }
    return d;
  }
}
