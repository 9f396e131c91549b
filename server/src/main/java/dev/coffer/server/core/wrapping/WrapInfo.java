package dev.coffer.server.core.wrapping;

import java.time.Instant;
import java.util.Objects;

/**
 * Vault's {@code wrap_info}: what a client gets instead of a wrapped response.
 *
 * @param token the wrapping token (secret; never printed)
 * @param accessor the wrapping token's accessor
 * @param ttl the wrapping token's TTL in seconds
 * @param creationTime when the response was wrapped
 * @param creationPath the path whose response was wrapped, e.g. {@code secret/data/app}
 * @param wrappedAccessor the accessor of the token inside a wrapped {@code auth} block, or {@code
 *     ""}
 */
public record WrapInfo(
    String token,
    String accessor,
    long ttl,
    Instant creationTime,
    String creationPath,
    String wrappedAccessor) {
  public WrapInfo {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(accessor, "accessor");
    Objects.requireNonNull(creationTime, "creationTime");
    creationPath = creationPath == null ? "" : creationPath;
    wrappedAccessor = wrappedAccessor == null ? "" : wrappedAccessor;
  }

  @Override
  public String toString() {
    return "WrapInfo[accessor=" + accessor + ", ttl=" + ttl + ", path=" + creationPath + "]";
  }
}
