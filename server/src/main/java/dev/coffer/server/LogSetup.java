package dev.coffer.server;

import dev.coffer.config.LogLevel;

/**
 * Applies {@code log_level} to slf4j-simple, the logger the distribution ships. It reads its
 * settings once, when the first logger is made, so this must run before anything logs; an explicit
 * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} wins.
 */
public final class LogSetup {
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private LogSetup() {}

  /** Sets the default level, and keeps Jetty and Javalin at warn unless debugging. */
  public static void apply(LogLevel level) {
    setIfAbsent(PREFIX + "defaultLogLevel", level.configName());
    boolean debugging = level == LogLevel.DEBUG || level == LogLevel.TRACE;
    String libraries = debugging ? level.configName() : "warn";
    setIfAbsent(PREFIX + "log.org.eclipse.jetty", libraries);
    setIfAbsent(PREFIX + "log.io.javalin", libraries);
    setIfAbsent(PREFIX + "showDateTime", "true");
    setIfAbsent(PREFIX + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
