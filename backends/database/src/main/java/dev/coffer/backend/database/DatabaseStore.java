package dev.coffer.backend.database;

import dev.coffer.spi.Storage;
import java.util.List;
import java.util.Optional;

/**
 * The engine's records in its mount storage: {@code config/<name>}, {@code role/<name>} and {@code
 * static-role/<name>} (the last holds the current password; the storage is encrypted).
 */
final class DatabaseStore {
  private static final String CONFIG = "config/";
  private static final String ROLE = "role/";
  private static final String STATIC_ROLE = "static-role/";

  private final Storage storage;

  DatabaseStore(Storage storage) {
    this.storage = storage;
  }

  Optional<ConnectionConfig> config(String name) {
    return storage
        .get(CONFIG + name)
        .map(b -> ConnectionConfig.fromStored(name, StoredRecord.decode(b)));
  }

  void putConfig(ConnectionConfig c) {
    storage.put(CONFIG + c.name(), c.toStored().encode());
  }

  void deleteConfig(String name) {
    storage.delete(CONFIG + name);
  }

  List<String> configNames() {
    return names(CONFIG);
  }

  Optional<DynamicRole> role(String name) {
    return storage.get(ROLE + name).map(b -> DynamicRole.fromStored(name, StoredRecord.decode(b)));
  }

  void putRole(DynamicRole r) {
    storage.put(ROLE + r.name(), r.toStored().encode());
  }

  void deleteRole(String name) {
    storage.delete(ROLE + name);
  }

  List<String> roleNames() {
    return names(ROLE);
  }

  Optional<StaticRole> staticRole(String name) {
    return storage
        .get(STATIC_ROLE + name)
        .map(b -> StaticRole.fromStored(name, StoredRecord.decode(b)));
  }

  void putStaticRole(StaticRole r) {
    storage.put(STATIC_ROLE + r.name(), r.toStored().encode());
  }

  void deleteStaticRole(String name) {
    storage.delete(STATIC_ROLE + name);
  }

  List<String> staticRoleNames() {
    return names(STATIC_ROLE);
  }

  private List<String> names(String prefix) {
    return storage.list(prefix).stream().filter(k -> !k.endsWith("/")).toList();
  }
}
