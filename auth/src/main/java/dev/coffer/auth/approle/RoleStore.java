package dev.coffer.auth.approle;

import dev.coffer.auth.StoredJson;
import dev.coffer.spi.Storage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Roles in the mount's storage: {@code role/<name>} holds the {@link Role}, {@code
 * role_id/<hmac(role id)>} names the role a role id belongs to.
 */
final class RoleStore {
  private static final String ROLE = "role/";
  private static final String ROLE_ID = "role_id/";

  private final Storage storage;
  private final Hmac hmac;

  RoleStore(Storage storage, Hmac hmac) {
    this.storage = storage;
    this.hmac = hmac;
  }

  Optional<Role> find(String name) {
    return storage.get(ROLE + name).map(StoredJson::read).map(Role::fromJson);
  }

  List<String> names() {
    return storage.list(ROLE).stream().filter(k -> !k.endsWith("/")).sorted().toList();
  }

  /** The role a role id belongs to, if any. */
  Optional<Role> byRoleId(String roleId) {
    Optional<String> name =
        storage
            .get(ROLE_ID + hmac.hash(roleId))
            .map(StoredJson::read)
            .map(m -> (String) m.get("name"));
    return name.flatMap(this::find).filter(r -> Hmac.same(r.roleId(), roleId));
  }

  /** Whether another role already uses this role id. */
  boolean roleIdTaken(String roleId, String exceptRole) {
    return storage
        .get(ROLE_ID + hmac.hash(roleId))
        .map(StoredJson::read)
        .map(m -> !exceptRole.equals(m.get("name")))
        .orElse(false);
  }

  /** Stores {@code role}, moving its role id index if the role id changed. */
  void save(Role role) {
    storage.transaction(
        s -> {
          s.get(ROLE + role.name())
              .map(StoredJson::read)
              .map(Role::fromJson)
              .filter(old -> !old.roleId().equals(role.roleId()))
              .ifPresent(old -> s.delete(ROLE_ID + hmac.hash(old.roleId())));
          s.put(ROLE + role.name(), StoredJson.write(role.toJson()));
          s.put(ROLE_ID + hmac.hash(role.roleId()), StoredJson.write(Map.of("name", role.name())));
          return null;
        });
  }

  /** Deletes the role and its role id index. */
  void delete(Role role) {
    storage.transaction(
        s -> {
          s.delete(ROLE + role.name());
          s.delete(ROLE_ID + hmac.hash(role.roleId()));
          return null;
        });
  }
}
