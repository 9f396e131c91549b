package dev.coffer.backend.local.kv;

import dev.coffer.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** KV v2's storage layout (see the package documentation) over a mount's {@link Storage}. */
final class KvStore {
  static final String CONFIG = "config";
  static final String METADATA = "metadata/";
  static final String VERSIONS = "versions/";

  private final Storage storage;

  KvStore(Storage storage) {
    this.storage = storage;
  }

  /** Runs {@code work} in one storage transaction. */
  <T> T atomically(Function<KvStore, T> work) {
    return storage.transaction(tx -> work.apply(new KvStore(tx)));
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

  void saveMetadata(String path, KeyMetadata metadata) {
    storage.put(METADATA + path, KvJson.write(metadata));
  }

  void deleteMetadata(String path) {
    storage.delete(METADATA + path);
  }

  /** The names under a metadata folder ({@code ""} for the top): secrets and {@code "sub/"}. */
  List<String> listMetadata(String folder) {
    return storage.list(KvPathParam.listPrefix(METADATA, folder));
  }

  Optional<Map<String, Object>> versionData(String path, long version) {
    return storage.get(versionKey(path, version)).map(KvJson::readMap);
  }

  void putVersionData(String path, long version, Map<String, Object> data) {
    storage.put(versionKey(path, version), KvJson.write(data));
  }

  void deleteVersionData(String path, long version) {
    storage.delete(versionKey(path, version));
  }

  static String versionKey(String path, long version) {
    return VERSIONS + sha256Hex(path) + "/" + version;
  }

  private static String sha256Hex(String path) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(path.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
