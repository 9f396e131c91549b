package dev.coffer.spi;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A lease the server holds, as the engine that issued it sees it when asked to revoke or renew it.
 *
 * @param leaseId the lease id, e.g. {@code database/creds/readonly/3kq...}
 * @param kind the {@link SecretLease#kind()} the engine gave it
 * @param path the mount-relative path of the request that issued it, e.g. {@code creds/readonly}
 * @param internal the engine's {@link SecretLease#internal()} data, as stored at issue time
 * @param issueTime when it was issued
 * @param expireTime when it expires now (before a renewal takes effect)
 */
public record IssuedLease(
    String leaseId,
    String kind,
    String path,
    Map<String, Object> internal,
    Instant issueTime,
    Instant expireTime) {

  public IssuedLease {
    Objects.requireNonNull(leaseId, "leaseId");
    kind = Objects.requireNonNullElse(kind, "");
    path = Objects.requireNonNullElse(path, "");
    internal =
        internal == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(internal));
    Objects.requireNonNull(issueTime, "issueTime");
    Objects.requireNonNull(expireTime, "expireTime");
  }

  /** The internal value {@code name} as a string, or {@code ""} if absent. */
  public String internalString(String name) {
    Object v = internal.get(name);
    return v == null ? "" : v.toString();
  }
}
