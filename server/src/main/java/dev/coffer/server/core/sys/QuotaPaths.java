package dev.coffer.server.core.sys;

import dev.coffer.server.core.mount.MountedEngine;
import dev.coffer.server.core.mount.Mounts;
import dev.coffer.server.core.quota.AnomalyConfig;
import dev.coffer.server.core.quota.QuotaGuard;
import dev.coffer.server.core.quota.RateLimitConfig;
import dev.coffer.server.core.quota.RateLimitQuota;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code sys/quotas/rate-limit} (list), {@code sys/quotas/rate-limit/:name} (write, read, delete),
 * {@code sys/quotas/config} as in Vault, and Coffer's {@code sys/quotas/anomaly} (the read-rate
 * anomaly guard).
 */
final class QuotaPaths {
  private static final Pattern NAME = Pattern.compile("\\w([\\w.@-]*\\w)?");

  private final QuotaGuard quotas;
  private final Mounts mounts;

  QuotaPaths(QuotaGuard quotas, Mounts mounts) {
    this.quotas = quotas;
    this.mounts = mounts;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("quotas/rate-limit")
            .on(Operation.LIST, r -> Response.keys(quotas.rateLimitNames()))
            .description("lists the rate-limit quotas")
            .build(),
        PathSpec.builder("quotas/rate-limit/{name}")
            .field("path", FieldType.STRING, "mount, or mount and path, the quota covers")
            .field("rate", FieldType.ANY, "requests allowed per interval")
            .field("interval", FieldType.DURATION, "the interval the rate applies to")
            .field("block_interval", FieldType.DURATION, "how long to refuse a client over it")
            .field("role", FieldType.STRING)
            .field("inheritable", FieldType.BOOL)
            .on(Operation.UPDATE, this::writeRateLimit)
            .on(Operation.READ, this::readRateLimit)
            .on(Operation.DELETE, this::deleteRateLimit)
            .description("creates, reads and deletes a rate-limit quota")
            .build(),
        PathSpec.builder("quotas/config")
            .field("enable_rate_limit_audit_logging", FieldType.BOOL)
            .field("enable_rate_limit_response_headers", FieldType.BOOL)
            .field("rate_limit_exempt_paths", FieldType.STRING_LIST)
            .on(Operation.READ, r -> Response.of(quotas.config().toApi()))
            .on(Operation.UPDATE, this::writeConfig)
            .description("the settings shared by every rate-limit quota")
            .build(),
        PathSpec.builder("quotas/anomaly")
            .field("enabled", FieldType.BOOL)
            .field("window", FieldType.DURATION)
            .field("threshold", FieldType.INT)
            .field("entity_threshold", FieldType.INT)
            .field("action", FieldType.STRING)
            .on(Operation.READ, r -> Response.of(quotas.anomalyConfig().toApi()))
            .on(Operation.UPDATE, this::writeAnomaly)
            .description("the read-rate anomaly guard")
            .build());
  }

  private Response writeRateLimit(Request r) {
    String name = name(r);
    double rate = rate(r);
    if (!r.string("role", "").isEmpty()) {
      throw CofferException.invalid(
          "role-based quotas are not supported: no auth method has roles");
    }
    String sanitized = sanitize(r.string("path", ""));
    String mountPath = "";
    String suffix = "";
    if (!sanitized.isEmpty()) {
      Optional<MountedEngine> mount = mounts.route(sanitized);
      if (mount.isEmpty()) {
        throw CofferException.invalid("invalid mount path \"" + sanitized + "\"");
      }
      mountPath = mount.get().entry().path();
      suffix =
          sanitized.length() > mountPath.length() ? sanitized.substring(mountPath.length()) : "";
      while (suffix.endsWith("/")) {
        suffix = suffix.substring(0, suffix.length() - 1);
      }
    }
    if (r.has("inheritable")) {
      boolean inheritable = r.bool("inheritable", false);
      if (inheritable && !mountPath.isEmpty()) {
        throw CofferException.invalid("only namespace quotas can be configured as inheritable");
      }
      if (!inheritable && mountPath.isEmpty()) {
        throw CofferException.invalid("all global quotas must be inheritable");
      }
    }
    Duration interval = wholeSeconds(r.duration("interval", Duration.ZERO));
    Duration block = wholeSeconds(r.duration("block_interval", Duration.ZERO));
    quotas.putRateLimit(new RateLimitQuota(name, mountPath, suffix, rate, interval, block));
    return Response.empty();
  }

  private Response readRateLimit(Request r) {
    return quotas
        .rateLimit(r.param("name"))
        .map(q -> Response.of(q.toApi()))
        .orElseThrow(CofferException::notFound);
  }

  private Response deleteRateLimit(Request r) {
    quotas.deleteRateLimit(name(r));
    return Response.empty();
  }

  private Response writeConfig(Request r) {
    quotas.setConfig(
        new RateLimitConfig(
            r.bool("enable_rate_limit_audit_logging", false),
            r.bool("enable_rate_limit_response_headers", false),
            r.list("rate_limit_exempt_paths")));
    return Response.empty();
  }

  /** Fields left out keep their current value. */
  private Response writeAnomaly(Request r) {
    AnomalyConfig current = quotas.anomalyConfig();
    try {
      quotas.setAnomalyConfig(
          new AnomalyConfig(
              r.bool("enabled", current.enabled()),
              r.duration("window", current.window()),
              r.integer("threshold", current.threshold()),
              r.integer("entity_threshold", current.entityThreshold()),
              r.has("action")
                  ? AnomalyConfig.Action.parse(r.string("action", ""))
                  : current.action()));
    } catch (IllegalArgumentException e) {
      throw CofferException.invalid(e.getMessage());
    }
    return Response.empty();
  }

  private static String name(Request r) {
    String name = r.param("name");
    if (!NAME.matcher(name).matches()) {
      throw CofferException.invalid("invalid quota name \"" + name + "\"");
    }
    return name;
  }

  private static double rate(Request r) {
    Object raw = r.data().get("rate");
    double rate;
    try {
      rate =
          raw instanceof Number n
              ? n.doubleValue()
              : raw == null ? 0 : Double.parseDouble(raw.toString().trim());
    } catch (NumberFormatException e) {
      throw CofferException.invalid("error converting input for field \"rate\": expected a number");
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw CofferException.invalid("'rate' is invalid");
    }
    return rate;
  }

  /** Vault's path clean-up: no leading slash; {@code ""} or {@code "/"} is global. */
  private static String sanitize(String path) {
    String p = path.trim();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p;
  }

  /** Vault reads these durations in whole seconds. */
  private static Duration wholeSeconds(Duration d) {
    return Duration.ofSeconds(d.getSeconds());
  }
}
