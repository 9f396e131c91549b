package dev.coffer.server.core.mfa;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins waiting for {@code sys/mfa/validate}, in memory only (a restart or seal drops them, as
 * Vault does): each lives {@link #TTL} and is taken once.
 */
final class PendingLogins {
  /** How long a login waits for its MFA validation. */
  static final Duration TTL = Duration.ofMinutes(5);

  /** At most this many logins wait at once; past it, new ones are refused with 429. */
  static final int MAX_PENDING = 10_000;

  private final Clock clock;
  private final Map<String, PendingLogin> pending = new ConcurrentHashMap<>();

  PendingLogins(Clock clock) {
    this.clock = clock;
  }

  /** When a login added now lapses. */
  java.time.Instant expiryFromNow() {
    return clock.instant().plus(TTL);
  }

  void add(PendingLogin login) {
    if (pending.size() >= MAX_PENDING) {
      pending.values().removeIf(p -> !clock.instant().isBefore(p.expires()));
      if (pending.size() >= MAX_PENDING) {
        throw new CofferException(
            ErrorCode.RATE_LIMITED, "too many logins are waiting for MFA validation");
      }
    }
    pending.put(login.requestId(), login);
  }

  /** The login waiting under {@code requestId}, if it has not lapsed. */
  Optional<PendingLogin> find(String requestId) {
    PendingLogin p = pending.get(requestId);
    if (p == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(p.expires())) {
      pending.remove(requestId, p);
      return Optional.empty();
    }
    return Optional.of(p);
  }

  /** Takes {@code login} out; false if another request took it first. */
  boolean take(PendingLogin login) {
    return pending.remove(login.requestId(), login);
  }

  void clear() {
    pending.clear();
  }
}
