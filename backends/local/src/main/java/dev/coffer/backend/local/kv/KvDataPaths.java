package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code data/:path}: read a version, write with check-and-set, merge-patch, soft-delete. */
final class KvDataPaths {
  static final String NO_DATA = "no data provided";

  private final KvStore store;
  private final Clock clock;
  private final RotationSettings defaults;

  KvDataPaths(KvStore store, Clock clock, RotationSettings defaults) {
    this.store = store;
    this.clock = clock;
    this.defaults = defaults;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("data/{path:+}")
            .field("version", FieldType.INT, "version to read; 0 or absent means the latest")
            .field("data", FieldType.MAP, "the secret's fields")
            .field("options", FieldType.MAP, "write options, e.g. {\"cas\": 1}")
            .on(Operation.READ, this::read)
            .on(Operation.CREATE, this::write)
            .on(Operation.UPDATE, this::write)
            .on(Operation.PATCH, this::patch)
            .on(Operation.DELETE, this::deleteLatest)
            .existence(r -> store.metadata(KvPathParam.secret(r)).isPresent())
            .description("Reads and writes versions of a secret.")
            .build());
  }

  private Response read(Request r) {
    String path = KvPathParam.secret(r);
    KeyMetadata meta = store.metadata(path).orElseThrow(CofferException::notFound);
    long version = r.integer("version", 0);
    if (version == 0) {
      version = meta.currentVersion;
    }
    VersionMetadata vm = meta.versions.get(version);
    if (vm == null) {
      throw CofferException.notFound();
    }
    Map<String, Object> metadata = meta.versionResponse(version, vm);
    Map<String, Object> data = vm.answerOr404(metadata, "data", clock.instant());
    Map<String, Object> secret = store.versionData(path, meta, version).orElse(null);
    if (secret == null) {
      throw CofferException.notFound();
    }
    data.put("data", secret);
    return ReadLeases.attach(
        Response.of(data), defaults.forSecret(meta.customMetadata), path, version);
  }

  private Response write(Request r) {
    String path = KvPathParam.secret(r);
    Map<String, Object> secret = r.map("data");
    if (secret == null) {
      throw CofferException.invalid(NO_DATA);
    }
    Map<String, Object> options = r.map("options");
    return store.atomically(
        s -> {
          KvConfig config = s.config();
          KeyMetadata meta = s.metadata(path).orElseGet(KeyMetadata::new);
          CheckAndSet.verify(options, config, meta);
          return Response.of(addVersion(s, path, config, meta, secret, clock.instant()));
        });
  }

  private Response patch(Request r) {
    String path = KvPathParam.secret(r);
    Map<String, Object> patch = r.map("data");
    if (patch == null) {
      throw CofferException.invalid(NO_DATA);
    }
    Map<String, Object> options = r.map("options");
    return store.atomically(
        s -> {
          KvConfig config = s.config();
          KeyMetadata meta = s.metadata(path).orElseThrow(CofferException::notFound);
          CheckAndSet.verify(options, config, meta);
          VersionMetadata latest = meta.versions.get(meta.currentVersion);
          if (latest == null) {
            throw CofferException.notFound();
          }
          if (!latest.isReadable(clock.instant())) {
            // Unlike a read, Vault answers a patch of a deleted version with the bare metadata.
            throw CofferException.withData(
                ErrorCode.NOT_FOUND, List.of(), meta.versionResponse(meta.currentVersion, latest));
          }
          Map<String, Object> current =
              s.versionData(path, meta, meta.currentVersion).orElseThrow(CofferException::notFound);
          @SuppressWarnings("unchecked")
          Map<String, Object> merged = (Map<String, Object>) JsonMergePatch.apply(current, patch);
          return Response.of(addVersion(s, path, config, meta, merged, clock.instant()));
        });
  }

  private Response deleteLatest(Request r) {
    String path = KvPathParam.secret(r);
    return store.atomically(
        s -> {
          s.metadata(path)
              .ifPresent(
                  meta -> {
                    VersionMetadata latest = meta.versions.get(meta.currentVersion);
                    Instant now = clock.instant();
                    if (latest != null && latest.isReadable(now)) {
                      latest.deletionTime = KvTime.format(now);
                      s.saveMetadata(path, meta);
                    }
                  });
          return Response.empty();
        });
  }

  /** Stores a new version, prunes old ones and answers the new version's metadata. */
  static Map<String, Object> addVersion(
      KvStore s,
      String path,
      KvConfig config,
      KeyMetadata meta,
      Map<String, Object> secret,
      Instant now) {
    long previous = meta.currentVersion;
    Map<String, Object> previousData = meta.currentDataOf(previous);
    KeyMetadata.Added added =
        meta.addVersion(
            now, meta.deletionTimeFor(now, config.deleteVersionAfter()), config.maxVersions);
    if (previousData != null && meta.versions.containsKey(previous)) {
      // The version that was current moves from the metadata row to a row of its own.
      s.putVersionData(path, previous, previousData);
    }
    meta.holdCurrentData(added.version(), secret);
    for (long old : added.pruned()) {
      s.deleteVersionData(path, old);
    }
    s.saveMetadata(path, meta);
    return meta.versionResponse(added.version(), added.metadata());
  }
}
