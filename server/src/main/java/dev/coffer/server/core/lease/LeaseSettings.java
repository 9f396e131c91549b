package dev.coffer.server.core.lease;

import java.time.Duration;

/**
 * How the lease manager revokes expired leases.
 *
 * @param revokeWorkers threads revoking leases at once
 * @param maxRevokeAttempts attempts before a lease goes on the irrevocable list
 * @param revokeBackoffInitial the wait after the first failed attempt; doubled after each next one
 * @param tick how often due leases are looked for
 * @param periodicInterval how often every mounted engine's {@code periodic(now)} is called
 */
public record LeaseSettings(
    int revokeWorkers,
    int maxRevokeAttempts,
    Duration revokeBackoffInitial,
    Duration tick,
    Duration periodicInterval) {

  /** Default revocation worker threads. */
  public static final int DEFAULT_REVOKE_WORKERS = 4;

  /** Default attempts before a lease is irrevocable (as Vault: 6). */
  public static final int DEFAULT_MAX_REVOKE_ATTEMPTS = 6;

  /** Default first backoff after a failed revocation. */
  public static final Duration DEFAULT_REVOKE_BACKOFF_INITIAL = Duration.ofSeconds(10);

  /** Default interval between looks for due leases. */
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);

  /** Default interval between calls of the engines' periodic work. */
  public static final Duration DEFAULT_PERIODIC_INTERVAL = Duration.ofSeconds(5);

  /** The longest backoff between two attempts, however many attempts failed. */
  static final Duration MAX_BACKOFF = Duration.ofHours(1);

  public LeaseSettings {
    if (revokeWorkers < 1 || maxRevokeAttempts < 1) {
      throw new IllegalArgumentException("revoke workers and attempts must be at least 1");
    }
    if (revokeBackoffInitial.isNegative()
        || tick.isNegative()
        || tick.isZero()
        || periodicInterval.isNegative()
        || periodicInterval.isZero()) {
      throw new IllegalArgumentException("lease intervals must be positive");
    }
  }

  /** Every default. */
  public static LeaseSettings defaults() {
    return new LeaseSettings(
        DEFAULT_REVOKE_WORKERS,
        DEFAULT_MAX_REVOKE_ATTEMPTS,
        DEFAULT_REVOKE_BACKOFF_INITIAL,
        DEFAULT_TICK,
        DEFAULT_PERIODIC_INTERVAL);
  }

  /** The wait after {@code attempts} failed attempts: initial × 2^(attempts-1), capped. */
  Duration backoffAfter(int attempts) {
    Duration d = revokeBackoffInitial;
    for (int i = 1; i < attempts && d.compareTo(MAX_BACKOFF) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }
}
