package dev.coffer.server.core.sys;

import dev.coffer.server.core.mount.AuthMounts;
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
 * {@code sys/auth}: lists the enabled auth methods keyed by path without {@code auth/}; {@code POST
 * sys/auth/:path} enables one, {@code DELETE} disables it, and {@code sys/auth/:path/tune} reads or
 * changes its TTLs.
 */
final class AuthPaths {
  private final Mounts mounts;
  private final AuthMounts auth;

  AuthPaths(Mounts mounts) {
    this.mounts = mounts;
    this.auth = mounts.auth();
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("auth")
            .on(Operation.READ, this::list)
            .description("lists the enabled auth methods")
            .build(),
        PathSpec.builder("auth/{path:+}")
            .field("type", FieldType.STRING)
            .field("description", FieldType.STRING)
            .field("config", FieldType.MAP)
            .field("default_lease_ttl", FieldType.DURATION)
            .field("max_lease_ttl", FieldType.DURATION)
            .on(Operation.READ, this::read)
            .on(Operation.UPDATE, this::write)
            .on(Operation.DELETE, this::disable)
            .description("enables, tunes and disables an auth method")
            .build());
  }

  @SuppressWarnings("unchecked")
  private Response list(Request r) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (MountEntry e : mounts.authEntries()) {
      Map<String, Object> view = new LinkedHashMap<>(e.toApi());
      Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) view.get("config"));
      config.put("token_type", "default-service");
      view.put("config", config);
      data.put(e.path().substring("auth/".length()), view);
    }
    return Response.of(data);
  }

  private Response read(Request r) {
    String path = r.param("path");
    if (!isTune(path)) {
      return Response.of(
          auth.entry(path)
              .orElseThrow(
                  () -> CofferException.invalid("No auth engine at auth/" + Mounts.normalize(path)))
              .toApi());
    }
    MountEntry e =
        auth.entry(tunedPath(path))
            .orElseThrow(
                () ->
                    CofferException.invalid(
                        "cannot fetch sysview for path \"auth/"
                            + Mounts.normalize(tunedPath(path))
                            + "\""));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("default_lease_ttl", e.effectiveDefaultTtl().getSeconds());
    m.put("max_lease_ttl", e.effectiveMaxTtl().getSeconds());
    m.put("force_no_cache", false);
    m.put("description", e.description());
    m.put("token_type", "default-service");
    return Response.of(m);
  }

  private Response write(Request r) {
    String path = r.param("path");
    if (isTune(path)) {
      auth.tune(
          tunedPath(path),
          r.has("description") ? r.string("description", "") : null,
          r.has("default_lease_ttl")
              ? r.duration("default_lease_ttl", Duration.ZERO).getSeconds()
              : null,
          r.has("max_lease_ttl") ? r.duration("max_lease_ttl", Duration.ZERO).getSeconds() : null);
      return Response.empty();
    }
    Map<String, Object> config = r.map("config");
    auth.enable(
        path,
        r.string("type", ""),
        r.string("description", ""),
        MountPaths.seconds(config, "default_lease_ttl"),
        MountPaths.seconds(config, "max_lease_ttl"));
    return Response.empty();
  }

  private Response disable(Request r) {
    String path = r.param("path");
    if (isTune(path)) {
      throw new CofferException(ErrorCode.UNSUPPORTED_OPERATION, "unsupported operation");
    }
    auth.disable(path);
    return Response.empty();
  }

  private static boolean isTune(String path) {
    return path.equals("tune") || path.endsWith("/tune");
  }

  private static String tunedPath(String path) {
    return path.substring(0, path.length() - "tune".length());
  }
}
