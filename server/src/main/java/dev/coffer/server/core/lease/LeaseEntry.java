package dev.coffer.server.core.lease;

import dev.coffer.spi.IssuedLease;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One lease as stored at {@code sys/expire/id/<lease id>} (inside the barrier).
 *
 * @param leaseId e.g. {@code database/creds/readonly/3kq...} or {@code auth/token/create/<hmac>}
 * @param kind the engine's kind of secret, or {@link #TOKEN_KIND} for a token's own lease
 * @param mountPath the mount that issued it, e.g. {@code database/} ({@code ""} for a token)
 * @param mountUuid that mount's uuid, so a lease never reaches a later mount at the same path
 * @param path the mount-relative request path that issued it, e.g. {@code creds/readonly}
 * @param internal the engine's data to revoke it; never shown
 * @param issueTime when it was issued
 * @param expireTime when it expires, or (after a failed attempt) when the next attempt is due
 * @param lastRenewal when it was last renewed, or {@code null}
 * @param ttlSeconds the TTL it was issued with, the default renewal increment
 * @param maxTtlSeconds the longest it may live from {@link #issueTime}
 * @param renewable whether clients may renew it
 * @param tokenHash the HMAC of the token that created it, or {@code ""}
 * @param attempts failed revocation attempts so far
 * @param lastError the last revocation error, never a secret
 * @param irrevocable whether it ran out of attempts (then it is no longer in the time index)
 * @param warnings warnings the engine returned on the last attempt
 */
public record LeaseEntry(
    String leaseId,
    String kind,
    String mountPath,
    String mountUuid,
    String path,
    Map<String, Object> internal,
    Instant issueTime,
    Instant expireTime,
    Instant lastRenewal,
    long ttlSeconds,
    long maxTtlSeconds,
    boolean renewable,
    String tokenHash,
    int attempts,
    String lastError,
    boolean irrevocable,
    List<String> warnings) {

  /** The kind of a token's own lease: expiring it revokes the token and its subtree. */
  public static final String TOKEN_KIND = "token";

  public LeaseEntry {
    Objects.requireNonNull(leaseId, "leaseId");
    kind = Objects.requireNonNullElse(kind, "");
    mountPath = Objects.requireNonNullElse(mountPath, "");
    mountUuid = Objects.requireNonNullElse(mountUuid, "");
    path = Objects.requireNonNullElse(path, "");
    internal = internal == null ? Map.of() : new LinkedHashMap<>(internal);
    tokenHash = Objects.requireNonNullElse(tokenHash, "");
    lastError = Objects.requireNonNullElse(lastError, "");
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** Whether this is a token's own lease. */
  public boolean isToken() {
    return TOKEN_KIND.equals(kind);
  }

  /** The latest time renewals may reach. */
  public Instant maxExpireTime() {
    return issueTime.plusSeconds(maxTtlSeconds);
  }

  /** What the engine is given to revoke or renew it. */
  public IssuedLease toIssued() {
    return new IssuedLease(leaseId, kind, path, internal, issueTime, expireTime);
  }

  LeaseEntry renewed(Instant now, Instant newExpire) {
    return new LeaseEntry(
        leaseId,
        kind,
        mountPath,
        mountUuid,
        path,
        internal,
        issueTime,
        newExpire,
        now,
        ttlSeconds,
        maxTtlSeconds,
        renewable,
        tokenHash,
        attempts,
        lastError,
        irrevocable,
        warnings);
  }

  LeaseEntry failed(Instant nextAttempt, String error, boolean nowIrrevocable) {
    return new LeaseEntry(
        leaseId,
        kind,
        mountPath,
        mountUuid,
        path,
        internal,
        issueTime,
        nextAttempt,
        lastRenewal,
        ttlSeconds,
        maxTtlSeconds,
        renewable,
        tokenHash,
        attempts + 1,
        error,
        nowIrrevocable,
        warnings);
  }

  LeaseEntry withWarnings(List<String> newWarnings) {
    return new LeaseEntry(
        leaseId,
        kind,
        mountPath,
        mountUuid,
        path,
        internal,
        issueTime,
        expireTime,
        lastRenewal,
        ttlSeconds,
        maxTtlSeconds,
        renewable,
        tokenHash,
        attempts,
        lastError,
        irrevocable,
        newWarnings);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lease_id", leaseId);
    m.put("kind", kind);
    m.put("mount_path", mountPath);
    m.put("mount_uuid", mountUuid);
    m.put("path", path);
    m.put("internal", internal);
    m.put("issue_time", issueTime.toString());
    m.put("expire_time", expireTime.toString());
    m.put("last_renewal", lastRenewal == null ? null : lastRenewal.toString());
    m.put("ttl", ttlSeconds);
    m.put("max_ttl", maxTtlSeconds);
    m.put("renewable", renewable);
    m.put("token_hmac", tokenHash);
    m.put("attempts", attempts);
    m.put("last_error", lastError);
    m.put("irrevocable", irrevocable);
    m.put("warnings", warnings);
    return m;
  }

  @SuppressWarnings("unchecked")
  static LeaseEntry fromJson(Map<String, Object> m) {
    Object renewal = m.get("last_renewal");
    return new LeaseEntry(
        (String) m.get("lease_id"),
        (String) m.get("kind"),
        (String) m.get("mount_path"),
        (String) m.get("mount_uuid"),
        (String) m.get("path"),
        (Map<String, Object>) m.get("internal"),
        Instant.parse((String) m.get("issue_time")),
        Instant.parse((String) m.get("expire_time")),
        renewal == null ? null : Instant.parse(renewal.toString()),
        ((Number) m.get("ttl")).longValue(),
        ((Number) m.get("max_ttl")).longValue(),
        Boolean.TRUE.equals(m.get("renewable")),
        (String) m.get("token_hmac"),
        ((Number) m.getOrDefault("attempts", 0)).intValue(),
        (String) m.get("last_error"),
        Boolean.TRUE.equals(m.get("irrevocable")),
        (List<String>) m.get("warnings"));
  }
}
