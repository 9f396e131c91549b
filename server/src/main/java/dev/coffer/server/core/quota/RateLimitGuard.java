package dev.coffer.server.core.quota;

import dev.coffer.server.core.RequestGuard;
import dev.coffer.server.core.mount.Dispatch;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Enforces the rate-limit quotas: finds the most specific quota for the request's path and takes
 * one request from the calling IP address's window of that quota. Reads an immutable snapshot, so
 * the hot path takes no lock; changes are serialised.
 */
public final class RateLimitGuard implements RequestGuard {
  /** Clients tracked per quota before further ones share one window. */
  static final int DEFAULT_MAX_CLIENTS = 100_000;

  private final Clock clock;
  private final int maxClients;
  private volatile QuotaTable table = QuotaTable.EMPTY;
  private volatile RateLimitConfig config = RateLimitConfig.DEFAULT;

  /** A guard with no quotas, timed by {@code clock}. */
  public RateLimitGuard(Clock clock) {
    this(clock, DEFAULT_MAX_CLIENTS);
  }

  RateLimitGuard(Clock clock, int maxClients) {
    this.clock = clock;
    this.maxClients = maxClients;
  }

  @Override
  public void admit(Dispatch.Resolved request) {
    admit(request.request().mountPath(), request.request().path(), request.request().client());
  }

  /**
   * Admits or refuses a request to {@code relativePath} in the mount at {@code mountPath}.
   *
   * @throws CofferException 429 {@code request path "x": rate limit quota exceeded}
   */
  void admit(String mountPath, String relativePath, ClientInfo client) {
    QuotaTable t = table;
    if (t.isEmpty()) {
      return;
    }
    ClientLimiter limiter = t.match(mountPath, relativePath);
    if (limiter == null) {
      return;
    }
    String path = mountPath + relativePath;
    if (config.exempt(path)) {
      return;
    }
    if (!limiter.tryAcquire(client.remoteAddress(), clock.millis())) {
      throw new CofferException(
          ErrorCode.RATE_LIMITED, "request path \"" + path + "\": rate limit quota exceeded");
    }
  }

  /** Replaces every quota and the config (on load). Counters start afresh. */
  synchronized void install(Collection<RateLimitQuota> quotas, RateLimitConfig newConfig) {
    QuotaTable t = QuotaTable.EMPTY;
    for (RateLimitQuota q : quotas) {
      t = t.with(new ClientLimiter(q, maxClients, clock.millis()));
    }
    table = t;
    config = newConfig;
  }

  /**
   * Adds or replaces a quota; its counters start afresh.
   *
   * @throws CofferException 400 if another quota already covers the same paths
   */
  synchronized void put(RateLimitQuota quota) {
    checkNoTwin(quota);
    table = table.with(new ClientLimiter(quota, maxClients, clock.millis()));
  }

  /** Throws 400 if a quota of another name covers the same paths as {@code quota}. */
  synchronized void checkNoTwin(RateLimitQuota quota) {
    Optional<RateLimitQuota> twin = table.sameTarget(quota);
    if (twin.isPresent()) {
      throw CofferException.invalid(
          "quota rule with similar properties exists under the name \"" + twin.get().name() + "\"");
    }
  }

  /** Removes a quota; removing a missing one does nothing. */
  synchronized void remove(String name) {
    table = table.without(name);
  }

  /** Sets the exempt paths and flags. */
  void configure(RateLimitConfig newConfig) {
    config = newConfig;
  }

  Optional<RateLimitQuota> quota(String name) {
    return table.quota(name);
  }

  List<String> names() {
    return table.names();
  }

  RateLimitConfig config() {
    return config;
  }
}
