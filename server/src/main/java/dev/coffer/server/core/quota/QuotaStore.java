package dev.coffer.server.core.quota;

import dev.coffer.server.core.Json;
import dev.coffer.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the quota settings inside the barrier: {@value #RATE_LIMIT_PREFIX}{@code <name>} per
 * rate-limit quota, {@value #CONFIG_KEY} and {@value #ANOMALY_KEY}, each a JSON object.
 */
final class QuotaStore {
  static final String RATE_LIMIT_PREFIX = "sys/quotas/rate-limit/";
  static final String CONFIG_KEY = "sys/quotas/config";
  static final String ANOMALY_KEY = "sys/quotas/anomaly";

  private final Storage storage;

  QuotaStore(Storage storage) {
    this.storage = storage;
  }

  List<RateLimitQuota> rateLimits() {
    List<RateLimitQuota> out = new ArrayList<>();
    for (String name : storage.list(RATE_LIMIT_PREFIX)) {
      if (!name.endsWith("/")) {
        storage
            .get(RATE_LIMIT_PREFIX + name)
            .ifPresent(b -> out.add(RateLimitQuota.fromJson(Json.read(b))));
      }
    }
    return out;
  }

  void putRateLimit(RateLimitQuota quota) {
    storage.put(RATE_LIMIT_PREFIX + quota.name(), Json.write(quota.toJson()));
  }

  void deleteRateLimit(String name) {
    storage.delete(RATE_LIMIT_PREFIX + name);
  }

  Optional<RateLimitConfig> config() {
    return storage.get(CONFIG_KEY).map(b -> RateLimitConfig.fromJson(Json.read(b)));
  }

  void putConfig(RateLimitConfig config) {
    storage.put(CONFIG_KEY, Json.write(config.toApi()));
  }

  Optional<AnomalyConfig> anomaly() {
    return storage.get(ANOMALY_KEY).map(b -> AnomalyConfig.fromJson(Json.read(b)));
  }

  void putAnomaly(AnomalyConfig config) {
    storage.put(ANOMALY_KEY, Json.write(config.toApi()));
  }
}
