package dev.coffer.server.core.sys;

import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.server.core.mount.MountedEngine;
import dev.coffer.server.core.mount.Mounts;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sys/internal/ui/mounts} and {@code sys/internal/ui/mounts/:path}: which mount serves a
 * path and with which options. The {@code vault kv} CLI asks this to learn a mount's KV version.
 */
final class UiMountPaths {
  private final Mounts mounts;
  private final MountEntry system;

  UiMountPaths(Mounts mounts, MountEntry system) {
    this.mounts = mounts;
    this.system = system;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("internal/ui/mounts")
            .on(Operation.READ, this::list)
            .description("lists the mounts visible to the caller")
            .build(),
        PathSpec.builder("internal/ui/mounts/{path:+}")
            .on(Operation.READ, this::read)
            .description("the mount serving a path")
            .build());
  }

  private Response list(Request r) {
    Map<String, Object> secret = new LinkedHashMap<>();
    for (MountEntry e : mounts.entries()) {
      secret.put(e.path(), e.toApi());
    }
    secret.put(system.path(), system.toApi());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("auth", new LinkedHashMap<>());
    data.put("secret", secret);
    return Response.of(data);
  }

  private Response read(Request r) {
    String path = r.param("path");
    MountedEngine m = mounts.route(path).orElse(null);
    if (m == null) {
      // As Vault: a permission error, so this path cannot be used to discover mounts.
      throw new CofferException(
          ErrorCode.PERMISSION_DENIED,
          "preflight capability check returned 403, please ensure client's policies grant access"
              + " to path \""
              + path
              + "\"");
    }
    Map<String, Object> data = new LinkedHashMap<>(m.entry().toApi());
    data.put("path", m.entry().path());
    return Response.of(data);
  }
}
