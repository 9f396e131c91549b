package dev.coffer.config;

import java.time.Duration;
import java.util.Map;

/**
 * The {@code lease} section: how expired leases are revoked.
 *
 * @param revokeWorkers {@code lease.revoke_workers}: threads revoking leases at once
 * @param maxRevokeAttempts {@code lease.max_revoke_attempts}: attempts before a lease is
 *     irrevocable
 * @param revokeBackoffInitial {@code lease.revoke_backoff_initial}: the wait after the first failed
 *     attempt, doubled after each next one
 * @param tick {@code lease.tick}: how often due leases are looked for
 * @param periodicInterval {@code lease.periodic_interval}: how often engines' periodic work runs
 */
public record LeaseConfig(
    int revokeWorkers,
    int maxRevokeAttempts,
    Duration revokeBackoffInitial,
    Duration tick,
    Duration periodicInterval) {

  /** Default of {@code lease.revoke_workers}. */
  public static final int DEFAULT_REVOKE_WORKERS = 4;

  /** Default of {@code lease.max_revoke_attempts} (as Vault). */
  public static final int DEFAULT_MAX_REVOKE_ATTEMPTS = 6;

  /** Default of {@code lease.revoke_backoff_initial}. */
  public static final Duration DEFAULT_REVOKE_BACKOFF_INITIAL = Duration.ofSeconds(10);

  /** Default of {@code lease.tick}. */
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);

  /** Default of {@code lease.periodic_interval}. */
  public static final Duration DEFAULT_PERIODIC_INTERVAL = Duration.ofSeconds(5);

  static final String REVOKE_WORKERS = "lease.revoke_workers";
  static final String MAX_REVOKE_ATTEMPTS = "lease.max_revoke_attempts";
  static final String REVOKE_BACKOFF_INITIAL = "lease.revoke_backoff_initial";
  static final String TICK = "lease.tick";
  static final String PERIODIC_INTERVAL = "lease.periodic_interval";

  /** The longest duration any key of the section takes. */
  private static final Duration MAX_DURATION = Duration.ofDays(1);

  /** Reads the section from configuration values by key; absent keys take their defaults. */
  static LeaseConfig from(Map<String, String> values) {
    return new LeaseConfig(
        count(values, REVOKE_WORKERS, DEFAULT_REVOKE_WORKERS, 256),
        count(values, MAX_REVOKE_ATTEMPTS, DEFAULT_MAX_REVOKE_ATTEMPTS, 1000),
        duration(values, REVOKE_BACKOFF_INITIAL, DEFAULT_REVOKE_BACKOFF_INITIAL),
        duration(values, TICK, DEFAULT_TICK),
        duration(values, PERIODIC_INTERVAL, DEFAULT_PERIODIC_INTERVAL));
  }

  /** The section as configuration values. */
  Map<String, String> toValues() {
    return Map.of(
        REVOKE_WORKERS, Integer.toString(revokeWorkers),
        MAX_REVOKE_ATTEMPTS, Integer.toString(maxRevokeAttempts),
        REVOKE_BACKOFF_INITIAL, revokeBackoffInitial.toMillis() + "ms",
        TICK, tick.toMillis() + "ms",
        PERIODIC_INTERVAL, periodicInterval.toMillis() + "ms");
  }

  private static int count(Map<String, String> values, String key, int fallback, int max) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ConfigException.invalid(key, "expected a whole number from 1 to " + max);
  }

  private static Duration duration(Map<String, String> values, String key, Duration fallback) {
    return ConfigDurations.parse(key, values.get(key), fallback, MAX_DURATION);
  }
}
