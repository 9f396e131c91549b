package dev.coffer.server.core.quota;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One rate-limit quota as {@code sys/quotas/rate-limit/:name} defines it: at most {@code rate}
 * requests per {@code interval} from each client IP address on the paths it covers.
 *
 * @param name the quota's name
 * @param mountPath the mount it covers, with trailing {@code /}; {@code ""} for a global quota
 * @param pathSuffix a path inside the mount ({@code data/app}), or a prefix ending in {@code *}
 *     ({@code data/app/*}); {@code ""} for the whole mount
 * @param rate requests allowed per interval; positive
 * @param interval the window the rate applies to (at least one second)
 * @param blockInterval how long a client that exceeded the rate is refused; {@link Duration#ZERO}
 *     for no blocking
 */
public record RateLimitQuota(
    String name,
    String mountPath,
    String pathSuffix,
    double rate,
    Duration interval,
    Duration blockInterval) {

  /** What a quota covers, from least to most specific. */
  public enum Scope {
    GLOBAL,
    MOUNT,
    PATH
  }

  public RateLimitQuota {
    Objects.requireNonNull(name, "name");
    mountPath = Objects.requireNonNullElse(mountPath, "");
    pathSuffix = Objects.requireNonNullElse(pathSuffix, "");
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("rate must be positive");
    }
    interval = interval == null || interval.isZero() ? Duration.ofSeconds(1) : interval;
    blockInterval = blockInterval == null ? Duration.ZERO : blockInterval;
    if (interval.isNegative() || blockInterval.isNegative()) {
      throw new IllegalArgumentException("intervals must not be negative");
    }
    if (mountPath.isEmpty() && !pathSuffix.isEmpty()) {
      throw new IllegalArgumentException("a path suffix needs a mount");
    }
  }

  /** The path as the API shows it: mount path and suffix. */
  public String path() {
    return mountPath + pathSuffix;
  }

  /** Whether this quota is global, per mount or per path. */
  public Scope scope() {
    if (mountPath.isEmpty()) {
      return Scope.GLOBAL;
    }
    return pathSuffix.isEmpty() ? Scope.MOUNT : Scope.PATH;
  }

  /** Whether the suffix is a prefix pattern ending in {@code *}. */
  public boolean glob() {
    return pathSuffix.endsWith("*");
  }

  /** The suffix without its trailing {@code *}. */
  String suffixPrefix() {
    return glob() ? pathSuffix.substring(0, pathSuffix.length() - 1) : pathSuffix;
  }

  /** Requests each client may make per interval: the rate rounded, at least one. */
  long tokensPerInterval() {
    return Math.max(1, Math.round(rate));
  }

  /** Whether another quota covers exactly the same paths. */
  boolean sameTarget(RateLimitQuota other) {
    return mountPath.equals(other.mountPath) && pathSuffix.equals(other.pathSuffix);
  }

  /** The body of {@code GET sys/quotas/rate-limit/:name}, as Vault answers it. */
  public Map<String, Object> toApi() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "rate-limit");
    m.put("name", name);
    m.put("path", path());
    m.put("role", "");
    m.put("rate", rate);
    m.put("inheritable", scope() == Scope.GLOBAL);
    m.put("interval", interval.getSeconds());
    m.put("block_interval", blockInterval.getSeconds());
    return m;
  }

  /** The stored form. */
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("mount_path", mountPath);
    m.put("path_suffix", pathSuffix);
    m.put("rate", rate);
    m.put("interval_ms", interval.toMillis());
    m.put("block_interval_ms", blockInterval.toMillis());
    return m;
  }

  /** Reads the stored form. */
  static RateLimitQuota fromJson(Map<String, Object> m) {
    return new RateLimitQuota(
        (String) m.get("name"),
        (String) m.get("mount_path"),
        (String) m.get("path_suffix"),
        ((Number) m.get("rate")).doubleValue(),
        Duration.ofMillis(((Number) m.get("interval_ms")).longValue()),
        Duration.ofMillis(((Number) m.get("block_interval_ms")).longValue()));
  }
}
