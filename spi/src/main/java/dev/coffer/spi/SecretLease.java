package dev.coffer.spi;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The lease a handler attaches to a secret it hands out ({@link Response#withLease}): the server
 * stores it, answers {@code lease_id}, {@code lease_duration} and {@code renewable}, and calls the
 * engine's {@link SecretsEngine#revokeLease} when it is revoked or expires and {@link
 * SecretsEngine#renewLease} when a client renews it.
 *
 * <p>{@code internal} is what the engine needs later to take the secret back (a database user name,
 * the statements to run). It is stored encrypted with the lease and never shown to clients, so an
 * engine must not rely on its own configuration still being the same at revocation time.
 *
 * @param leaseId the lease id; empty when a handler creates it, filled in by the server
 * @param kind the engine's own name for this kind of secret (e.g. {@code creds}), so one engine can
 *     hand out several kinds
 * @param ttl how long the secret lives; zero for the mount's default lease TTL
 * @param maxTtl the longest it can live with renewals; zero for the mount's maximum
 * @param renewable whether clients may renew it
 * @param internal what the engine needs to revoke or renew it; never shown to clients
 */
public record SecretLease(
    String leaseId,
    String kind,
    Duration ttl,
    Duration maxTtl,
    boolean renewable,
    Map<String, Object> internal) {

  public SecretLease {
    leaseId = Objects.requireNonNullElse(leaseId, "");
    kind = Objects.requireNonNullElse(kind, "");
    ttl = Objects.requireNonNullElse(ttl, Duration.ZERO);
    maxTtl = Objects.requireNonNullElse(maxTtl, Duration.ZERO);
    if (ttl.isNegative() || maxTtl.isNegative()) {
      throw new IllegalArgumentException("lease TTLs must not be negative");
    }
    internal =
        internal == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(internal));
  }

  /** A renewable lease of this kind with this TTL (zero for the mount's default). */
  public static SecretLease of(String kind, Duration ttl, Map<String, Object> internal) {
    return new SecretLease("", kind, ttl, Duration.ZERO, true, internal);
  }

  /** This lease with a maximum TTL (zero for the mount's maximum). */
  public SecretLease withMaxTtl(Duration newMaxTtl) {
    return new SecretLease(leaseId, kind, ttl, newMaxTtl, renewable, internal);
  }

  /** This lease, renewable or not. */
  public SecretLease withRenewable(boolean newRenewable) {
    return new SecretLease(leaseId, kind, ttl, maxTtl, newRenewable, internal);
  }

  /** This lease with the id and TTL the server gave it. */
  public SecretLease issued(String newLeaseId, Duration grantedTtl) {
    return new SecretLease(newLeaseId, kind, grantedTtl, maxTtl, renewable, internal);
  }
}
