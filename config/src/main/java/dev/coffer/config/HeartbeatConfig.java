package dev.coffer.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The dead-man heartbeat of the killswitch ({@code killswitch.heartbeat.*}): the server asks {@code
 * url} every {@code interval}; when {@code failures} checks in a row get no 2xx answer within
 * {@code timeout}, it fires the killswitch (revoking every lease and non-root token, rotating with
 * {@code rotate}, sealing with {@code seal}). It fires once per outage and re-arms when the
 * endpoint answers again.
 */
public record HeartbeatConfig(
    URI url, Duration interval, Duration timeout, int failures, boolean rotate, boolean seal) {
  /** Default of {@code killswitch.heartbeat.interval}. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  /** Default of {@code killswitch.heartbeat.timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Default of {@code killswitch.heartbeat.failures}. */
  public static final int DEFAULT_FAILURES = 3;

  static final String PREFIX = "killswitch.heartbeat.";
  static final String URL = PREFIX + "url";
  static final String INTERVAL = PREFIX + "interval";
  static final String TIMEOUT = PREFIX + "timeout";
  static final String FAILURES = PREFIX + "failures";
  static final String ROTATE = PREFIX + "rotate";
  static final String SEAL = PREFIX + "seal";

  /** Every key of this section. */
  static final java.util.Set<String> KEYS =
      java.util.Set.of(URL, INTERVAL, TIMEOUT, FAILURES, ROTATE, SEAL);

  /** The heartbeat of these flat values, or {@code null} when {@code url} is not set. */
  static HeartbeatConfig from(Map<String, String> values) {
    String url = values.get(URL);
    if (url == null || url.isBlank()) {
      for (String k : KEYS) {
        if (values.containsKey(k)) {
          throw ConfigException.invalid(URL, "must be set when other " + PREFIX + "* keys are");
        }
      }
      return null;
    }
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw ConfigException.invalid(URL, "not a valid URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw ConfigException.invalid(URL, "expected an http or https URL");
    }
    Duration interval = ConfigDurations.parse(INTERVAL, values.get(INTERVAL), DEFAULT_INTERVAL);
    Duration timeout = ConfigDurations.parse(TIMEOUT, values.get(TIMEOUT), DEFAULT_TIMEOUT);
    int failures = DEFAULT_FAILURES;
    if (values.containsKey(FAILURES)) {
      try {
        failures = Integer.parseInt(values.get(FAILURES).trim());
      } catch (NumberFormatException e) {
        failures = 0;
      }
      if (failures < 1) {
        throw ConfigException.invalid(FAILURES, "expected a whole number of at least 1");
      }
    }
    return new HeartbeatConfig(
        uri,
        interval,
        timeout,
        failures,
        bool(ROTATE, values.get(ROTATE)),
        bool(SEAL, values.get(SEAL)));
  }

  private static boolean bool(String key, String v) {
    if (v == null) {
      return false;
    }
    return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ConfigException.invalid(key, "expected true or false");
    };
  }
}
