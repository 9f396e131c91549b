package dev.coffer.auth.userpass;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When failed logins lock a user name or a client address out (Vault's {@code
 * user_lockout_config}).
 *
 * @param threshold failed logins of one user name within {@code counterReset} that lock it out
 * @param clientThreshold failed logins from one client address (any user names) that lock the
 *     address out
 * @param duration how long a lockout lasts
 * @param counterReset how long after the last failure the failure count starts again from zero
 * @param disabled whether lockout is off
 */
record LockoutConfig(
    int threshold,
    int clientThreshold,
    Duration duration,
    Duration counterReset,
    boolean disabled) {
  /** Vault's default threshold. */
  static final int DEFAULT_THRESHOLD = 5;

  /** Failed logins from one address before it is locked out: enough for a shared NAT's typos. */
  static final int DEFAULT_CLIENT_THRESHOLD = 20;

  /** Vault's default lockout duration. */
  static final Duration DEFAULT_DURATION = Duration.ofMinutes(15);

  /** Vault's default counter reset. */
  static final Duration DEFAULT_COUNTER_RESET = Duration.ofMinutes(15);

  /** The defaults. */
  static final LockoutConfig DEFAULT =
      new LockoutConfig(
          DEFAULT_THRESHOLD,
          DEFAULT_CLIENT_THRESHOLD,
          DEFAULT_DURATION,
          DEFAULT_COUNTER_RESET,
          false);

  LockoutConfig {
    if (threshold < 1) {
      throw CofferException.invalid("lockout_threshold must be at least 1");
    }
    if (clientThreshold < 1) {
      throw CofferException.invalid("client_lockout_threshold must be at least 1");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw CofferException.invalid("lockout_duration must be positive");
    }
    if (counterReset.isNegative() || counterReset.isZero()) {
      throw CofferException.invalid("lockout_counter_reset must be positive");
    }
  }

  /**
   * This configuration with the settings named in {@code values} changed (strings as mount options
   * give them, or JSON values); unknown keys are ignored.
   *
   * @throws CofferException 400 naming the key whose value is invalid
   */
  LockoutConfig with(Map<String, ?> values) {
    return new LockoutConfig(
        intValue(values, "lockout_threshold", threshold),
        intValue(values, "client_lockout_threshold", clientThreshold),
        duration(values, "lockout_duration", duration),
        duration(values, "lockout_counter_reset", counterReset),
        bool(values, "disable_lockout", bool(values, "lockout_disable", disabled)));
  }

  /** As {@code GET config} shows it. */
  Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lockout_threshold", threshold);
    m.put("client_lockout_threshold", clientThreshold);
    m.put("lockout_duration", duration.toSeconds());
    m.put("lockout_counter_reset", counterReset.toSeconds());
    m.put("disable_lockout", disabled);
    return m;
  }

  /** As stored. */
  Map<String, Object> toJson() {
    return view();
  }

  static LockoutConfig fromJson(Map<String, Object> m) {
    return DEFAULT.with(m);
  }

  private static int intValue(Map<String, ?> values, String key, int fallback) {
    Object v = values.get(key);
    if (v == null || "".equals(v)) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(v.toString().trim());
    } catch (NumberFormatException e) {
      throw CofferException.invalid("invalid value for '" + key + "': not a number");
    }
  }

  private static Duration duration(Map<String, ?> values, String key, Duration fallback) {
    Object v = values.get(key);
    if (v == null || "".equals(v)) {
      return fallback;
    }
    if (v instanceof Duration d) {
      return d;
    }
    if (v instanceof Number n) {
      return Duration.ofSeconds(n.longValue());
    }
    try {
      return Durations.parse(v.toString().trim());
    } catch (IllegalArgumentException e) {
      throw CofferException.invalid("invalid value for '" + key + "': not a duration");
    }
  }

  private static boolean bool(Map<String, ?> values, String key, boolean fallback) {
    Object v = values.get(key);
    if (v == null || "".equals(v)) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim();
    if (s.equalsIgnoreCase("true") || s.equals("1")) {
      return true;
    }
    if (s.equalsIgnoreCase("false") || s.equals("0")) {
      return false;
    }
    throw CofferException.invalid("invalid value for '" + key + "': not a boolean");
  }
}
