package dev.coffer.backend.local.kv;

import dev.coffer.backend.local.Sha256;
import dev.coffer.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** KV v2's storage layout (see the package documentation) over a mount's {@link Storage}. */
final class KvStore {
  static final String CONFIG = "config";
  static final String METADATA = "metadata/";
  static final String VERSIONS = "versions/";
  static final String ROTATION_DUE = "rotation-due/";
  static final String ROTATION_DEFAULTS = "rotation-defaults";

  private final Storage storage;
  private final RotationSchedule schedule;

  /** The store over {@code storage}; every metadata write keeps {@code schedule}'s index. */
  KvStore(Storage storage, RotationSchedule schedule) {
    this.storage = storage;
    this.schedule = schedule;
  }

  /** Runs {@code work} in one storage transaction. */
  <T> T atomically(Function<KvStore, T> work) {
    return storage.transaction(tx -> work.apply(new KvStore(tx, schedule)));
  }

  KvConfig config() {
    return storage.get(CONFIG).map(b -> KvJson.read(b, KvConfig.class)).orElseGet(KvConfig::new);
  }

  void saveConfig(KvConfig config) {
    storage.put(CONFIG, KvJson.write(config));
  }

  Optional<KeyMetadata> metadata(String path) {
    return storage.get(METADATA + path).map(b -> KvJson.read(b, KeyMetadata.class));
  }

  /** Stores a secret's metadata, moving its entry in the rotation due-index if that changed. */
  void saveMetadata(String path, KeyMetadata metadata) {
    schedule.reindex(this, path, metadata);
    storage.put(METADATA + path, encode(metadata));
  }

  /** Moves a secret's due-index entry as its settings say now; saves it only if it moved. */
  void reindex(String path, KeyMetadata metadata) {
    String before = metadata.rotationDue;
    schedule.reindex(this, path, metadata);
    if (!java.util.Objects.equals(before, metadata.rotationDue)) {
      storage.put(METADATA + path, encode(metadata));
    }
  }

  private static byte[] encode(KeyMetadata metadata) {
    metadata.dropStaleData();
    return KvJson.write(metadata);
  }

  void deleteMetadata(String path) {
    metadata(path).ifPresent(m -> schedule.unindex(this, m));
    storage.delete(METADATA + path);
  }

  /** The due-index entry names ({@code <epoch seconds>-<path hash>}), earliest first. */
  List<String> dueEntries() {
    return storage.list(ROTATION_DUE);
  }

  /** The secret path of a due-index entry, if it is still there. */
  Optional<String> duePath(String entry) {
    return storage.get(ROTATION_DUE + entry).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  void putDue(String entry, String path) {
    storage.put(ROTATION_DUE + entry, path.getBytes(StandardCharsets.UTF_8));
  }

  void deleteDue(String entry) {
    storage.delete(ROTATION_DUE + entry);
  }

  /** What the due-index was last built for (see {@link RotationSchedule#fingerprint}). */
  String indexedDefaults() {
    return storage
        .get(ROTATION_DEFAULTS)
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .orElse("");
  }

  void saveIndexedDefaults(String fingerprint) {
    storage.put(ROTATION_DEFAULTS, fingerprint.getBytes(StandardCharsets.UTF_8));
  }

  /** The names under a metadata folder ({@code ""} for the top): secrets and {@code "sub/"}. */
  List<String> listMetadata(String folder) {
    return storage.list(KvPathParam.listPrefix(METADATA, folder));
  }

  /**
   * The data of {@code version} of the secret at {@code path} described by {@code metadata}: held
   * in the metadata row for the current version, else in the version's own row.
   */
  Optional<Map<String, Object>> versionData(String path, KeyMetadata metadata, long version) {
    Map<String, Object> held = metadata.currentDataOf(version);
    if (held != null) {
      return Optional.of(held);
    }
    return storage.get(versionKey(path, version)).map(KvJson::readMap);
  }

  void putVersionData(String path, long version, Map<String, Object> data) {
    storage.put(versionKey(path, version), KvJson.write(data));
  }

  void deleteVersionData(String path, long version) {
    storage.delete(versionKey(path, version));
  }

  static String versionKey(String path, long version) {
    return VERSIONS + Sha256.hex(path) + "/" + version;
  }
}
