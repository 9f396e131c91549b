package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code subkeys/:path}: a version's key tree with {@code null} leaves, no values. */
final class KvSubkeysPaths {
  private final KvStore store;
  private final Clock clock;

  KvSubkeysPaths(KvStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("subkeys/{path:+}")
            .field("version", FieldType.INT, "version to read; 0 or absent means the latest")
            .field("depth", FieldType.INT, "levels to show; 0 means all")
            .on(Operation.READ, this::read)
            .description("Shows a secret's keys without their values.")
            .build());
  }

  private Response read(Request r) {
    String path = KvPathParam.secret(r);
    long depth = r.integer("depth", 0);
    if (depth < 0) {
      throw CofferException.invalid("depth must be a non-negative integer");
    }
    KeyMetadata meta = store.metadata(path).orElseThrow(CofferException::notFound);
    long version = r.integer("version", 0);
    if (version == 0) {
      version = meta.currentVersion;
    }
    VersionMetadata vm = meta.versions.get(version);
    if (vm == null) {
      throw CofferException.notFound();
    }
    Map<String, Object> answer =
        vm.answerOr404(meta.versionResponse(version, vm), "subkeys", clock.instant());
    Map<String, Object> data =
        store.versionData(path, meta, version).orElseThrow(CofferException::notFound);
    answer.put("subkeys", subkeys(data, 1, depth));
    return Response.of(answer);
  }

  /** Keys of {@code data} with nested objects expanded down to {@code maxDepth} (0: no limit). */
  static Map<String, Object> subkeys(Map<?, ?> data, long level, long maxDepth) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : data.entrySet()) {
      Object value = e.getValue();
      // Leaves, and objects with no keys of their own, show as null (as in Vault).
      boolean expand =
          value instanceof Map<?, ?> m && !m.isEmpty() && (maxDepth == 0 || level < maxDepth);
      out.put(
          String.valueOf(e.getKey()),
          expand ? subkeys((Map<?, ?>) value, level + 1, maxDepth) : null);
    }
    return out;
  }
}
