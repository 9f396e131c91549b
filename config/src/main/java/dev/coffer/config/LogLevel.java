package dev.coffer.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How much the server logs, from most to least verbose. */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR;

  /** The name used in configuration, e.g. {@code info}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a configured level, ignoring case.
   *
   * @throws ConfigException naming {@code key} if the value is not a level
   */
  static LogLevel parse(String key, String value) {
    for (LogLevel level : values()) {
      if (level.configName().equalsIgnoreCase(value.trim())) {
        return level;
      }
    }
    throw ConfigException.invalid(
        key,
        "expected one of "
            + Arrays.stream(values()).map(LogLevel::configName).collect(Collectors.joining(", ")));
  }
}
