package dev.coffer.server.core.quota;

import dev.coffer.server.core.RequestGuard;
import dev.coffer.server.core.mount.Dispatch;
import dev.coffer.spi.Storage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The core's {@link RequestGuard}: rate-limit quotas first, then the read-rate anomaly guard (a
 * request refused for its rate is not counted as a read). Also the one place the {@code
 * sys/quotas/} endpoints change settings through: each change is stored inside the barrier before
 * it takes effect.
 *
 * <p>Settings are loaded from storage on first use after the barrier is unsealed ({@link #load()}
 * may be called explicitly on unseal instead).
 */
public final class QuotaGuard implements RequestGuard {
  private final QuotaStore store;
  private final RateLimitGuard rateLimits;
  private final ReadAnomalyGuard anomalies;
  private volatile boolean loaded;

  /**
   * A guard storing its settings in {@code storage} (the barrier's root view).
   *
   * @param storage where {@code sys/quotas/...} lives
   * @param clock the core's clock, which drives every window
   */
  public QuotaGuard(Storage storage, Clock clock) {
    this(storage, new RateLimitGuard(clock), new ReadAnomalyGuard(clock));
  }

  QuotaGuard(Storage storage, RateLimitGuard rateLimits, ReadAnomalyGuard anomalies) {
    this.store = new QuotaStore(storage);
    this.rateLimits = rateLimits;
    this.anomalies = anomalies;
  }

  @Override
  public void admit(Dispatch.Resolved request) {
    ensureLoaded();
    rateLimits.admit(request);
    anomalies.admit(request);
  }

  /** Registers a listener for read-rate anomalies (the audit broker subscribes here). */
  public void addAnomalyListener(AnomalyListener listener) {
    anomalies.addListener(listener);
  }

  /** (Re)loads every setting from storage; counters start afresh. The barrier must be unsealed. */
  public synchronized void load() {
    rateLimits.install(store.rateLimits(), store.config().orElse(RateLimitConfig.DEFAULT));
    anomalies.configure(store.anomaly().orElse(AnomalyConfig.DEFAULT));
    loaded = true;
  }

  /** Stores and applies a rate-limit quota (new or replacing the one of that name). */
  public synchronized void putRateLimit(RateLimitQuota quota) {
    ensureLoaded();
    rateLimits.checkNoTwin(quota);
    store.putRateLimit(quota);
    rateLimits.put(quota);
  }

  /** The rate-limit quota of this name. */
  public Optional<RateLimitQuota> rateLimit(String name) {
    ensureLoaded();
    return rateLimits.quota(name);
  }

  /** The names of the rate-limit quotas, sorted. */
  public List<String> rateLimitNames() {
    ensureLoaded();
    return rateLimits.names();
  }

  /** Removes a rate-limit quota; removing a missing one does nothing. */
  public synchronized void deleteRateLimit(String name) {
    ensureLoaded();
    store.deleteRateLimit(name);
    rateLimits.remove(name);
  }

  /** The {@code sys/quotas/config} settings. */
  public RateLimitConfig config() {
    ensureLoaded();
    return rateLimits.config();
  }

  /** Stores and applies {@code sys/quotas/config}. */
  public synchronized void setConfig(RateLimitConfig config) {
    ensureLoaded();
    store.putConfig(config);
    rateLimits.configure(config);
  }

  /** The {@code sys/quotas/anomaly} settings. */
  public AnomalyConfig anomalyConfig() {
    ensureLoaded();
    return anomalies.config();
  }

  /** Stores and applies {@code sys/quotas/anomaly}; every read count starts afresh. */
  public synchronized void setAnomalyConfig(AnomalyConfig config) {
    ensureLoaded();
    store.putAnomaly(config);
    anomalies.configure(config);
  }

  private void ensureLoaded() {
    if (!loaded) {
      synchronized (this) {
        if (!loaded) {
          load();
        }
      }
    }
  }
}
