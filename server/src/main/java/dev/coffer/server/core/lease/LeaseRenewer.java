package dev.coffer.server.core.lease;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Durations;
import dev.coffer.spi.SecretLease;
import dev.coffer.spi.SecretsEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Renews the lease of a secret ({@code sys/leases/renew}): by an increment or its original TTL,
 * capped at its maximum TTL with a warning, after its engine accepted the new expiry.
 */
final class LeaseRenewer {
  private final LeaseStore store;
  private final Revocations revocations;
  private final LeaseOwners owners;
  private final Clock clock;

  LeaseRenewer(LeaseStore store, Revocations revocations, LeaseOwners owners, Clock clock) {
    this.store = store;
    this.revocations = revocations;
    this.owners = owners;
    this.clock = clock;
  }

  /**
   * Renews a lease by {@code increment} (zero: by its original TTL), never past its maximum TTL;
   * the engine's {@link SecretsEngine#renewLease} is called with the capped expiry first.
   *
   * @throws CofferException 400 for an unknown, token, non-renewable or expired lease
   */
  LeaseManager.Renewal renew(String leaseId, Duration increment) {
    LeaseEntry lease = store.require(leaseId);
    if (lease.isToken()) {
      throw CofferException.invalid("tokens cannot be renewed through this endpoint");
    }
    if (!lease.renewable()) {
      throw CofferException.invalid("lease is not renewable");
    }
    Instant now = clock.instant();
    if (lease.irrevocable() || revocations.busy(leaseId) || !lease.expireTime().isAfter(now)) {
      throw CofferException.invalid("lease expired");
    }
    Duration ttl =
        increment == null || increment.isZero() || increment.isNegative()
            ? Duration.ofSeconds(lease.ttlSeconds())
            : increment;
    Instant limit = lease.maxExpireTime();
    if (!limit.isAfter(now)) {
      throw CofferException.invalid("past the max TTL, cannot renew");
    }
    Instant expire = now.plus(ttl);
    String warning = null;
    if (expire.isAfter(limit)) {
      warning =
          "TTL of \""
              + Durations.format(ttl)
              + "\" exceeded the effective max_ttl of \""
              + Durations.format(Duration.between(now, limit).withNanos(0))
              + "\"; TTL value is capped accordingly";
      expire = limit;
    }
    SecretsEngine engine = owners.engineOf(lease);
    engine.renewLease(lease.toIssued(), expire);
    Instant newExpire = expire;
    store.replace(leaseId, e -> e.renewed(now, newExpire)).orElseThrow(LeaseManager::invalidLease);
    long seconds = Math.max(0, Duration.between(now, newExpire).getSeconds());
    SecretLease answer =
        new SecretLease(
            leaseId, lease.kind(), Duration.ofSeconds(seconds), Duration.ZERO, true, null);
    return new LeaseManager.Renewal(answer, warning);
  }
}
