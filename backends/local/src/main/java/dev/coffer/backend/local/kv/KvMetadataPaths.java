package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code metadata/:path}: read, write, patch and delete a secret's metadata; list secrets. */
final class KvMetadataPaths {
  static final String CAS_REQUIRED_IGNORED =
      "\"cas_required\" set to false, but is mandated by backend config. This value will be"
          + " ignored.";

  private final KvStore store;
  private final Clock clock;
  private final RotationSettings defaults;

  KvMetadataPaths(KvStore store, Clock clock, RotationSettings defaults) {
    this.store = store;
    this.clock = clock;
    this.defaults = defaults;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("metadata/{path:*}")
            .field("max_versions", FieldType.INT, "versions kept; 0 means the mount's setting")
            .field("cas_required", FieldType.BOOL, "whether writes need options.cas")
            .field("delete_version_after", FieldType.DURATION, "delete versions after this long")
            .field("custom_metadata", FieldType.MAP, "string key/value pairs about the secret")
            .on(Operation.READ, this::read)
            .on(Operation.LIST, this::list)
            .on(Operation.CREATE, this::write)
            .on(Operation.UPDATE, this::write)
            .on(Operation.PATCH, this::patch)
            .on(Operation.DELETE, this::delete)
            .existence(r -> store.metadata(KvPathParam.secret(r)).isPresent())
            .description("Reads and writes secret metadata; lists secrets.")
            .build());
  }

  private Response read(Request r) {
    String path = KvPathParam.secret(r);
    return Response.of(store.metadata(path).orElseThrow(CofferException::notFound).toResponse());
  }

  private Response list(Request r) {
    return Response.keys(store.listMetadata(KvPathParam.folder(r)));
  }

  private Response write(Request r) {
    String path = KvPathParam.secret(r);
    Settings settings = Settings.of(r, false, defaults);
    if (settings.isEmpty()) {
      return Response.empty();
    }
    return store.atomically(
        s -> {
          KeyMetadata meta =
              s.metadata(path)
                  .orElseGet(
                      () -> {
                        KeyMetadata created = new KeyMetadata();
                        created.createdTime = KvTime.format(clock.instant());
                        created.updatedTime = created.createdTime;
                        return created;
                      });
          settings.applyTo(meta, false);
          s.saveMetadata(path, meta);
          return answer(settings, s.config());
        });
  }

  private Response patch(Request r) {
    String path = KvPathParam.secret(r);
    Settings settings = Settings.of(r, true, defaults);
    return store.atomically(
        s -> {
          KeyMetadata meta = s.metadata(path).orElseThrow(CofferException::notFound);
          settings.applyTo(meta, true);
          s.saveMetadata(path, meta);
          return answer(settings, s.config());
        });
  }

  /** No data; a warning when the secret asks not to need cas but the mount requires it. */
  private static Response answer(Settings settings, KvConfig config) {
    Response r = Response.empty();
    if (Boolean.FALSE.equals(settings.casRequired()) && config.casRequired) {
      r = r.withWarning(CAS_REQUIRED_IGNORED);
    }
    return r;
  }

  private Response delete(Request r) {
    String path = KvPathParam.secret(r);
    return store.atomically(
        s -> {
          s.metadata(path)
              .ifPresent(
                  meta -> {
                    for (long v : meta.versions.keySet()) {
                      s.deleteVersionData(path, v);
                    }
                    s.deleteMetadata(path);
                  });
          return Response.empty();
        });
  }

  /** The settings a request sets; absent fields stay as they are. */
  private record Settings(
      Long maxVersions,
      Boolean casRequired,
      Duration deleteVersionAfter,
      Map<String, String> customMetadata) {

    boolean isEmpty() {
      return maxVersions == null
          && casRequired == null
          && deleteVersionAfter == null
          && customMetadata == null;
    }

    static Settings of(Request r, boolean patch, RotationSettings defaults) {
      Long max = r.has("max_versions") ? r.integer("max_versions", 0) : null;
      if (max != null && max < 0) {
        throw CofferException.invalid("max_versions must not be negative");
      }
      Map<String, String> custom = null;
      if (r.has("custom_metadata")) {
        custom = CustomMetadata.parse(r.data().get("custom_metadata"), patch);
        CustomMetadata.validate(custom);
        defaults.checkCustomMetadata(custom);
      }
      return new Settings(
          max,
          r.has("cas_required") ? r.bool("cas_required", false) : null,
          r.has("delete_version_after") ? r.duration("delete_version_after", Duration.ZERO) : null,
          custom);
    }

    /** Sets the given fields; a patch merges custom metadata (a null value removes a key). */
    void applyTo(KeyMetadata meta, boolean patch) {
      if (maxVersions != null) {
        meta.maxVersions = maxVersions;
      }
      if (casRequired != null) {
        meta.casRequired = casRequired;
      }
      if (deleteVersionAfter != null) {
        meta.deleteVersionAfterNanos = deleteVersionAfter.toNanos();
      }
      if (customMetadata != null) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (patch && meta.customMetadata != null) {
          merged.putAll(meta.customMetadata);
        }
        customMetadata.forEach(
            (k, v) -> {
              if (v == null) {
                merged.remove(k);
              } else {
                merged.put(k, v);
              }
            });
        meta.customMetadata = merged;
      }
    }
  }
}
