package dev.coffer.server.core.quota;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of {@code sys/quotas/anomaly}: the read-rate anomaly guard.
 *
 * @param enabled whether reads are counted at all
 * @param window the sliding window reads are counted over (1 second to 7 days)
 * @param threshold reads per window per token accessor above which the guard reacts; positive
 * @param entityThreshold reads per window per identity entity (all its tokens together) above which
 *     the guard reacts; {@code 0} turns the entity check off
 * @param action what happens above a threshold
 */
public record AnomalyConfig(
    boolean enabled, Duration window, long threshold, long entityThreshold, Action action) {

  /** The smallest and largest windows accepted. */
  static final Duration MIN_WINDOW = Duration.ofSeconds(1);

  static final Duration MAX_WINDOW = Duration.ofDays(7);

  /** Off; when turned on: 1000 reads per hour per token, no entity check, warn only. */
  public static final AnomalyConfig DEFAULT =
      new AnomalyConfig(false, Duration.ofHours(1), 1000, 0, Action.WARN);

  /** What the guard does when a threshold is crossed. */
  public enum Action {
    /** Log a warning and tell the listeners; serve the read. */
    WARN,
    /** As {@link #WARN}, and refuse the read with 429. */
    BLOCK;

    /** The API name ({@code warn}, {@code block}). */
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The action of this API name.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Action parse(String name) {
      return switch (name.trim().toLowerCase(Locale.ROOT)) {
        case "warn" -> WARN;
        case "block" -> BLOCK;
        default -> throw new IllegalArgumentException("action must be \"warn\" or \"block\"");
      };
    }
  }

  public AnomalyConfig {
    if (window == null || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException("window must be between 1s and 168h");
    }
    if (threshold <= 0) {
      throw new IllegalArgumentException("threshold must be positive");
    }
    if (entityThreshold < 0) {
      throw new IllegalArgumentException("entity_threshold must not be negative");
    }
    action = action == null ? Action.WARN : action;
  }

  /** The body of {@code GET sys/quotas/anomaly}, also the stored form. */
  public Map<String, Object> toApi() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", enabled);
    m.put("window", window.getSeconds());
    m.put("threshold", threshold);
    m.put("entity_threshold", entityThreshold);
    m.put("action", action.apiName());
    return m;
  }

  /** Reads the stored form. */
  static AnomalyConfig fromJson(Map<String, Object> m) {
    return new AnomalyConfig(
        Boolean.TRUE.equals(m.get("enabled")),
        Duration.ofSeconds(((Number) m.get("window")).longValue()),
        ((Number) m.get("threshold")).longValue(),
        ((Number) m.get("entity_threshold")).longValue(),
        Action.parse((String) m.get("action")));
  }
}
