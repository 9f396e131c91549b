package dev.coffer.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in configuration values: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
final class ConfigDurations {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private ConfigDurations() {}

  /**
   * The positive duration {@code value}, or {@code fallback} when absent.
   *
   * @throws ConfigException naming {@code key} when the value is not a positive duration
   */
  static Duration parse(String key, String value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      throw ConfigException.invalid(key, "expected a duration such as 500ms, 30s, 5m or 1h");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
    if (d.isZero()) {
      throw ConfigException.invalid(key, "must be greater than zero");
    }
    return d;
  }
}
