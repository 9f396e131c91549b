package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Durations;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.util.List;

/** {@code config}: the mount-wide {@code max_versions}, {@code cas_required} and expiry. */
final class KvConfigPaths {
  /** What {@code delete_version_after} is stored as when the mount disables it. */
  static final Duration DISABLED = Duration.ofSeconds(-1);

  private final KvStore store;

  KvConfigPaths(KvStore store) {
    this.store = store;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("config")
            .field("max_versions", FieldType.INT, "versions kept per secret; 0 means 10")
            .field("cas_required", FieldType.BOOL, "whether every write needs options.cas")
            .field(
                "delete_version_after",
                FieldType.ANY,
                "delete versions after this long; 0 clears it, a negative value disables it")
            .on(Operation.READ, this::read)
            .on(Operation.CREATE, this::write)
            .on(Operation.UPDATE, this::write)
            .description("Configures the KV v2 mount.")
            .build());
  }

  private Response read(Request r) {
    return Response.of(store.config().toResponse());
  }

  private Response write(Request r) {
    long maxVersions = r.integer("max_versions", -1);
    if (r.has("max_versions") && maxVersions < 0) {
      throw CofferException.invalid("max_versions must not be negative");
    }
    Duration deleteVersionAfter =
        r.has("delete_version_after") ? signedDuration(r.data().get("delete_version_after")) : null;
    return store.atomically(
        s -> {
          KvConfig config = s.config();
          if (r.has("max_versions")) {
            config.maxVersions = maxVersions;
          }
          if (r.has("cas_required")) {
            config.casRequired = r.bool("cas_required", false);
          }
          if (deleteVersionAfter != null) {
            config.deleteVersionAfterNanos =
                deleteVersionAfter.isNegative() ? DISABLED.toNanos() : deleteVersionAfter.toNanos();
          }
          s.saveConfig(config);
          return Response.empty();
        });
  }

  /**
   * Vault's {@code delete_version_after} for the mount: seconds or a duration string, where a
   * negative value means "disabled" (stored as {@code -1s}).
   */
  private static Duration signedDuration(Object raw) {
    try {
      if (raw instanceof Number n) {
        return Duration.ofSeconds(n.longValue());
      }
      if (raw instanceof String s) {
        String t = s.trim();
        if (t.isEmpty()) {
          return Duration.ZERO;
        }
        return t.startsWith("-") ? Durations.parse(t.substring(1)).negated() : Durations.parse(t);
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      // reported below
    }
    throw CofferException.invalid(
        "error converting input for field \"delete_version_after\": expected a duration such as"
            + " 30, \"30s\" or \"1h\"");
  }
}
