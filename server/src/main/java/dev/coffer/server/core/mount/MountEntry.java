package dev.coffer.server.core.mount;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of the mount table.
 *
 * @param path where it is mounted, with a trailing {@code /}
 * @param type the engine type
 * @param description free text
 * @param uuid names its storage prefix {@code logical/<uuid>/} ({@code auth/<uuid>/} for auth
 *     methods)
 * @param accessor a public id such as {@code kv_1a2b3c4d}
 * @param options engine options, e.g. {@code {"version": "2"}}
 * @param defaultLeaseTtl seconds; 0 means the system default
 * @param maxLeaseTtl seconds; 0 means the system default
 * @param local whether it is excluded from replication (always false here)
 * @param sealWrap whether values are seal-wrapped (always false here)
 */
public record MountEntry(
    String path,
    String type,
    String description,
    String uuid,
    String accessor,
    Map<String, String> options,
    long defaultLeaseTtl,
    long maxLeaseTtl,
    boolean local,
    boolean sealWrap) {

  /** The system default for both TTLs when a mount sets none: 768h, as in Vault. */
  public static final Duration SYSTEM_DEFAULT_TTL = Duration.ofHours(768);

  public MountEntry {
    description = description == null ? "" : description;
    options = options == null ? Map.of() : Map.copyOf(new TreeMap<>(options));
  }

  /** The prefix of this mount's keys in storage. */
  public String storagePrefix() {
    return (path.startsWith("auth/") ? "auth/" : "logical/") + uuid + "/";
  }

  /** The default lease TTL in effect. */
  public Duration effectiveDefaultTtl() {
    return defaultLeaseTtl > 0 ? Duration.ofSeconds(defaultLeaseTtl) : SYSTEM_DEFAULT_TTL;
  }

  /** The maximum lease TTL in effect. */
  public Duration effectiveMaxTtl() {
    return maxLeaseTtl > 0 ? Duration.ofSeconds(maxLeaseTtl) : SYSTEM_DEFAULT_TTL;
  }

  /** A copy with other tunables. */
  public MountEntry tuned(
      String newDescription, Map<String, String> newOptions, long newDefault, long newMax) {
    return new MountEntry(
        path,
        type,
        newDescription,
        uuid,
        accessor,
        newOptions,
        newDefault,
        newMax,
        local,
        sealWrap);
  }

  /** The entry as Vault shows it in {@code sys/mounts}. */
  public Map<String, Object> toApi() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("default_lease_ttl", defaultLeaseTtl);
    config.put("force_no_cache", false);
    config.put("max_lease_ttl", maxLeaseTtl);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accessor", accessor);
    m.put("config", config);
    m.put("description", description);
    m.put("external_entropy_access", false);
    m.put("local", local);
    m.put("options", options.isEmpty() ? null : new TreeMap<>(options));
    m.put("plugin_version", "");
    m.put("running_plugin_version", "");
    m.put("running_sha256", "");
    m.put("seal_wrap", sealWrap);
    m.put("type", type);
    m.put("uuid", uuid);
    return m;
  }

  Map<String, Object> toJson() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("default_lease_ttl", defaultLeaseTtl);
    config.put("max_lease_ttl", maxLeaseTtl);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("type", type);
    m.put("description", description);
    m.put("uuid", uuid);
    m.put("accessor", accessor);
    m.put("options", new TreeMap<>(options));
    m.put("config", config);
    m.put("local", local);
    m.put("seal_wrap", sealWrap);
    return m;
  }

  @SuppressWarnings("unchecked")
  static MountEntry fromJson(Map<String, Object> m) {
    Map<String, Object> config = (Map<String, Object>) m.getOrDefault("config", Map.of());
    return new MountEntry(
        (String) m.get("path"),
        (String) m.get("type"),
        (String) m.get("description"),
        (String) m.get("uuid"),
        (String) m.get("accessor"),
        (Map<String, String>) m.get("options"),
        ((Number) config.getOrDefault("default_lease_ttl", 0)).longValue(),
        ((Number) config.getOrDefault("max_lease_ttl", 0)).longValue(),
        Boolean.TRUE.equals(m.get("local")),
        Boolean.TRUE.equals(m.get("seal_wrap")));
  }
}
