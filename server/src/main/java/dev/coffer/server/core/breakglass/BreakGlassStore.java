package dev.coffer.server.core.breakglass;

import dev.coffer.server.core.Json;
import dev.coffer.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Break-glass state inside the barrier: {@code sys/break-glass/config} and one {@code
 * sys/break-glass/request/<id>} per request. The configuration is cached until {@link #clear()} (on
 * seal), since every token issued and every entity's policies consult it.
 */
final class BreakGlassStore {
  static final String CONFIG = "sys/break-glass/config";
  static final String REQUESTS = "sys/break-glass/request/";

  private final Storage storage;
  private volatile BreakGlassConfig config;

  BreakGlassStore(Storage storage) {
    this.storage = storage;
  }

  BreakGlassConfig config() {
    BreakGlassConfig c = config;
    if (c == null) {
      c =
          storage
              .get(CONFIG)
              .map(b -> BreakGlassConfig.fromJson(Json.read(b)))
              .orElse(BreakGlassConfig.DEFAULT);
      config = c;
    }
    return c;
  }

  void save(BreakGlassConfig c) {
    storage.put(CONFIG, Json.write(c.toJson()));
    config = c;
  }

  Optional<BreakGlassGrant> find(String id) {
    if (id == null || id.isEmpty() || id.contains("/")) {
      return Optional.empty();
    }
    return storage.get(REQUESTS + id).map(b -> BreakGlassGrant.fromJson(Json.read(b)));
  }

  void save(BreakGlassGrant g) {
    storage.put(REQUESTS + g.id, Json.write(g.toJson()));
  }

  List<BreakGlassGrant> all() {
    List<BreakGlassGrant> out = new ArrayList<>();
    for (String id : storage.list(REQUESTS)) {
      if (!id.endsWith("/")) {
        find(id).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Forgets the cached configuration (on seal). */
  void clear() {
    config = null;
  }
}
