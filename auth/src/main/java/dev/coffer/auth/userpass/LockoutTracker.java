package dev.coffer.auth.userpass;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per user name and per client address, in memory, and tells when either is
 * locked out. A failure count starts again once {@code counterReset} passed since the last failure;
 * reaching the threshold locks out for {@code duration}. A successful login clears the user name's
 * count (not the address's). Names that do not exist are counted too, so a lockout says nothing
 * about whether a user exists. The maps are bounded: past {@link #MAX_ENTRIES} stale entries are
 * dropped.
 */
final class LockoutTracker {
  /** How many user names (and, separately, addresses) are tracked before stale ones are purged. */
  static final int MAX_ENTRIES = 100_000;

  /** Which key is locked out. */
  enum Subject {
    USER,
    CLIENT
  }

  private record Failures(int count, Instant last, Instant lockedUntil) {}

  private final Clock clock;
  private final Map<String, Failures> users = new ConcurrentHashMap<>();
  private final Map<String, Failures> clients = new ConcurrentHashMap<>();

  LockoutTracker(Clock clock) {
    this.clock = clock;
  }

  /** What is locked out now for a login of {@code user} from {@code client}, if anything. */
  Optional<Subject> lockedOut(String user, String client, LockoutConfig config) {
    if (config.disabled()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (locked(users.get(user), now)) {
      return Optional.of(Subject.USER);
    }
    if (locked(clients.get(client), now)) {
      return Optional.of(Subject.CLIENT);
    }
    return Optional.empty();
  }

  /** Records a failed login of {@code user} from {@code client}. */
  void failed(String user, String client, LockoutConfig config) {
    if (config.disabled()) {
      return;
    }
    Instant now = clock.instant();
    count(users, user, config.threshold(), config, now);
    count(clients, client, config.clientThreshold(), config, now);
  }

  /** Records a successful login of {@code user}: its failure count starts again. */
  void succeeded(String user) {
    users.remove(user);
  }

  /** Lifts the lockout and failure count of {@code user} (when an operator resets its password). */
  void reset(String user) {
    users.remove(user);
  }

  private static boolean locked(Failures f, Instant now) {
    return f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil());
  }

  private static void count(
      Map<String, Failures> map, String key, int threshold, LockoutConfig config, Instant now) {
    if (map.size() >= MAX_ENTRIES) {
      map.values().removeIf(f -> stale(f, config, now));
    }
    map.compute(
        key,
        (k, old) -> {
          int count =
              old == null || stale(old, config, now) || expiredLock(old, now) ? 1 : old.count() + 1;
          Instant until = count >= threshold ? now.plus(config.duration()) : null;
          return new Failures(count, now, until);
        });
  }

  /** Whether a lockout ran out: the next failure counts from one again. */
  private static boolean expiredLock(Failures f, Instant now) {
    return f.lockedUntil() != null && !now.isBefore(f.lockedUntil());
  }

  private static boolean stale(Failures f, LockoutConfig config, Instant now) {
    boolean resetPassed = !now.isBefore(f.last().plus(config.counterReset()));
    return resetPassed && (f.lockedUntil() == null || !now.isBefore(f.lockedUntil()));
  }
}
