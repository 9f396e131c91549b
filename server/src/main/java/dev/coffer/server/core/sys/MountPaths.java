package dev.coffer.server.core.sys;

import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.server.core.mount.Mounts;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sys/mounts}: list, enable ({@code POST}), read, disable ({@code DELETE}), and {@code
 * sys/mounts/:path/tune}. A path ending in {@code /tune} is the tune endpoint, as in Vault.
 */
final class MountPaths {
  private final Mounts mounts;
  private final MountEntry system;

  MountPaths(Mounts mounts, MountEntry system) {
    this.mounts = mounts;
    this.system = system;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("mounts")
            .on(Operation.READ, this::list)
            .description("lists the mounted secrets engines")
            .build(),
        PathSpec.builder("mounts/{path:+}")
            .field("type", FieldType.STRING)
            .field("description", FieldType.STRING)
            .field("config", FieldType.MAP)
            .field("options", FieldType.MAP)
            .field("default_lease_ttl", FieldType.DURATION)
            .field("max_lease_ttl", FieldType.DURATION)
            .on(Operation.READ, this::read)
            .on(Operation.UPDATE, this::write)
            .on(Operation.DELETE, this::disable)
            .description("enables, reads, tunes and disables a secrets engine")
            .build());
  }

  private Response list(Request r) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (MountEntry e : mounts.entries()) {
      data.put(e.path(), e.toApi());
    }
    data.put(system.path(), system.toApi());
    return Response.of(data);
  }

  private Response read(Request r) {
    String path = r.param("path");
    if (isTune(path)) {
      return Response.of(tuneView(entry(tunedPath(path))));
    }
    return Response.of(entry(path).toApi());
  }

  private Response write(Request r) {
    String path = r.param("path");
    if (isTune(path)) {
      return tune(tunedPath(path), r);
    }
    Map<String, Object> config = r.map("config");
    mounts.enable(
        path,
        r.string("type", ""),
        r.string("description", ""),
        strings(r.map("options"), "options"),
        seconds(config, "default_lease_ttl"),
        seconds(config, "max_lease_ttl"));
    return Response.empty();
  }

  private Response disable(Request r) {
    String path = r.param("path");
    if (isTune(path)) {
      throw new CofferException(ErrorCode.UNSUPPORTED_OPERATION, "unsupported operation");
    }
    mounts.disable(path);
    return Response.empty();
  }

  private Response tune(String path, Request r) {
    mounts.tune(
        path,
        r.has("description") ? r.string("description", "") : null,
        r.has("options") ? strings(r.map("options"), "options") : null,
        r.has("default_lease_ttl")
            ? r.duration("default_lease_ttl", Duration.ZERO).getSeconds()
            : null,
        r.has("max_lease_ttl") ? r.duration("max_lease_ttl", Duration.ZERO).getSeconds() : null);
    return Response.empty();
  }

  private MountEntry entry(String path) {
    if (Mounts.normalize(path).equals(system.path())) {
      return system;
    }
    return mounts
        .entry(path)
        .orElseThrow(
            () -> CofferException.invalid("no mount entry found at " + Mounts.normalize(path)));
  }

  private static Map<String, Object> tuneView(MountEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("default_lease_ttl", e.effectiveDefaultTtl().getSeconds());
    m.put("max_lease_ttl", e.effectiveMaxTtl().getSeconds());
    m.put("force_no_cache", false);
    m.put("description", e.description());
    m.put("options", e.options().isEmpty() ? null : e.options());
    return m;
  }

  private static boolean isTune(String path) {
    return path.equals("tune") || path.endsWith("/tune");
  }

  private static String tunedPath(String path) {
    return path.substring(0, path.length() - "tune".length());
  }

  /** Seconds from a config map value given as a number or a duration string; 0 if absent. */
  static long seconds(Map<String, Object> config, String key) {
    if (config == null || config.get(key) == null) {
      return 0;
    }
    Object v = config.get(key);
    try {
      if (v instanceof Number n) {
        return n.longValue();
      }
      return dev.coffer.spi.Durations.parse(v.toString()).getSeconds();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw CofferException.invalid(
          "error converting input for field \"" + key + "\": expected a duration");
    }
  }

  /** Turns an options object into strings (Vault accepts {@code "version": 2}). */
  static Map<String, String> strings(Map<String, Object> raw, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map<?, ?> || v instanceof List<?>) {
        throw CofferException.invalid(
            "error converting input for field \"" + field + "\": expected an object of strings");
      }
      out.put(e.getKey(), v == null ? "" : v.toString());
    }
    return out;
  }
}
