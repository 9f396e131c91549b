package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code delete/:path}, {@code undelete/:path} and {@code destroy/:path} with {@code {"versions":
 * [...]}}. Versions that do not exist, or are already in the wanted state, are skipped silently.
 */
final class KvVersionOpsPaths {
  static final String NO_VERSION = "no version number provided";

  private final KvStore store;
  private final Clock clock;

  KvVersionOpsPaths(KvStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  List<PathSpec> paths() {
    return List.of(
        spec("delete", "Soft-deletes versions; undelete brings them back.", this::softDelete),
        spec("undelete", "Restores soft-deleted versions.", this::undelete),
        spec("destroy", "Removes the data of versions for good.", this::destroy));
  }

  private PathSpec spec(String verb, String description, VersionAction action) {
    return PathSpec.builder(verb + "/{path:+}")
        .field("versions", FieldType.INT_LIST, "the version numbers")
        .on(Operation.CREATE, r -> apply(r, action))
        .on(Operation.UPDATE, r -> apply(r, action))
        .description(description)
        .build();
  }

  private Response apply(Request r, VersionAction action) {
    String path = KvPathParam.secret(r);
    List<Long> versions = r.list("versions");
    if (versions.isEmpty()) {
      throw CofferException.invalid(NO_VERSION);
    }
    return store.atomically(
        s -> {
          s.metadata(path)
              .ifPresent(
                  meta -> {
                    Instant now = clock.instant();
                    for (long v : versions) {
                      VersionMetadata vm = meta.versions.get(v);
                      if (vm != null) {
                        action.apply(new Target(s, path, v, vm), now);
                      }
                    }
                    s.saveMetadata(path, meta);
                  });
          return Response.empty();
        });
  }

  private void softDelete(Target t, Instant now) {
    if (t.vm().isReadable(now)) {
      t.vm().deletionTime = KvTime.format(now);
    }
  }

  private void undelete(Target t, Instant now) {
    if (!t.vm().destroyed) {
      t.vm().deletionTime = null;
    }
  }

  private void destroy(Target t, Instant now) {
    if (!t.vm().destroyed) {
      t.store().deleteVersionData(t.path(), t.version());
      t.vm().destroyed = true;
    }
  }

  /** One existing version a request names. */
  private record Target(KvStore store, String path, long version, VersionMetadata vm) {}

  /** What a path does to one version. */
  @FunctionalInterface
  private interface VersionAction {
    void apply(Target target, Instant now);
  }
}
