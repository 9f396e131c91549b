package dev.coffer.auth.userpass;

import dev.coffer.auth.StoredJson;
import dev.coffer.spi.Storage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users and the lockout settings in the mount's storage: {@code user/<name>} holds a {@link User},
 * {@code config} the {@link LockoutConfig} written through {@code config}.
 */
final class UserStore {
  private static final String USER = "user/";
  private static final String CONFIG = "config";

  private final Storage storage;

  UserStore(Storage storage) {
    this.storage = storage;
  }

  Optional<User> find(String name) {
    return storage.get(USER + name).map(StoredJson::read).map(User::fromJson);
  }

  List<String> names() {
    return storage.list(USER).stream().filter(k -> !k.endsWith("/")).sorted().toList();
  }

  void save(User user) {
    storage.put(USER + user.name(), StoredJson.write(user.toJson()));
  }

  void delete(String name) {
    storage.delete(USER + name);
  }

  /** The stored lockout settings, if {@code config} was ever written. */
  Optional<Map<String, Object>> config() {
    return storage.get(CONFIG).map(StoredJson::read);
  }

  void saveConfig(LockoutConfig config) {
    storage.put(CONFIG, StoredJson.write(config.toJson()));
  }
}
