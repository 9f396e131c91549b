package dev.coffer.server.core.sys;

import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.server.core.mount.Mounts;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET sys/auth}: the enabled auth methods, keyed by path without {@code auth/}. */
final class AuthPaths {
  private final Mounts mounts;

  AuthPaths(Mounts mounts) {
    this.mounts = mounts;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("auth")
            .on(Operation.READ, this::list)
            .description("lists the enabled auth methods")
            .build());
  }

  @SuppressWarnings("unchecked")
  private Response list(Request r) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (MountEntry e : mounts.authEntries()) {
      Map<String, Object> view = new LinkedHashMap<>(e.toApi());
      Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) view.get("config"));
      if (e.type().equals("token")) {
        config.put("token_type", "default-service");
      }
      view.put("config", config);
      data.put(e.path().substring("auth/".length()), view);
    }
    return Response.of(data);
  }
}
