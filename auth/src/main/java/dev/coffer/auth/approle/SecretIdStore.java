package dev.coffer.auth.approle;

import dev.coffer.auth.StoredJson;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secret ids in the mount's storage, never in clear: {@code secret_id/<hmac(role)>/<hmac(secret
 * id)>} holds the {@link SecretId}, {@code accessor/<hmac(accessor)>} points back to it.
 */
final class SecretIdStore {
  private static final String SECRET_ID = "secret_id/";
  private static final String ACCESSOR = "accessor/";

  private final Storage storage;
  private final Hmac hmac;

  SecretIdStore(Storage storage, Hmac hmac) {
    this.storage = storage;
    this.hmac = hmac;
  }

  /** A secret id located by the HMAC of its value. */
  record Located(String role, String idHash, SecretId secretId) {}

  /**
   * Stores a new secret id of {@code role}.
   *
   * @throws CofferException 400 if this secret id is already registered
   */
  void create(String role, String value, SecretId secretId) {
    String idHash = hmac.hash(value);
    storage.transaction(
        s -> {
          if (s.get(key(role, idHash)).isPresent()) {
            throw CofferException.invalid("SecretID is already registered");
          }
          s.put(key(role, idHash), StoredJson.write(secretId.toJson()));
          s.put(
              ACCESSOR + hmac.hash(secretId.accessor()),
              StoredJson.write(Map.of("role", role, "secret_id_hmac", idHash)));
          return null;
        });
  }

  /** The secret id with this value, if it exists for {@code role}. */
  Optional<Located> find(String role, String value) {
    String idHash = hmac.hash(value);
    return read(storage, role, idHash).map(e -> new Located(role, idHash, e));
  }

  /** The secret id with this accessor, if it belongs to {@code role}. */
  Optional<Located> byAccessor(String role, String accessor) {
    return storage
        .get(ACCESSOR + hmac.hash(accessor))
        .map(StoredJson::read)
        .filter(m -> role.equals(m.get("role")))
        .flatMap(
            m -> {
              String idHash = (String) m.get("secret_id_hmac");
              return read(storage, role, idHash).map(e -> new Located(role, idHash, e));
            });
  }

  /**
   * Takes one use of the secret id {@code value} of {@code role} in one transaction: an expired one
   * is deleted and refused, the last use deletes it.
   *
   * @return the secret id as it was before this use, or empty if it does not exist or expired
   */
  Optional<SecretId> use(String role, String value, Instant now) {
    String idHash = hmac.hash(value);
    return storage.transaction(
        s -> {
          Optional<SecretId> found = read(s, role, idHash);
          if (found.isEmpty()) {
            return Optional.<SecretId>empty();
          }
          SecretId e = found.get();
          if (e.expiredAt(now)) {
            delete(s, role, idHash, e);
            return Optional.<SecretId>empty();
          }
          if (e.numUses() == 1) {
            delete(s, role, idHash, e);
          } else if (e.numUses() > 1) {
            s.put(key(role, idHash), StoredJson.write(e.used(now).toJson()));
          }
          return Optional.of(e);
        });
  }

  /** Deletes a secret id. */
  void destroy(Located located) {
    storage.transaction(
        s -> {
          delete(s, located.role(), located.idHash(), located.secretId());
          return null;
        });
  }

  /** The accessors of {@code role}'s secret ids. */
  List<String> accessors(String role) {
    List<String> out = new ArrayList<>();
    String prefix = SECRET_ID + hmac.hash(role) + "/";
    for (String k : storage.list(prefix)) {
      read(storage, role, k).ifPresent(e -> out.add(e.accessor()));
    }
    out.sort(null);
    return out;
  }

  /** Deletes every secret id of {@code role}. */
  void destroyAll(String role) {
    String prefix = SECRET_ID + hmac.hash(role) + "/";
    for (String k : storage.list(prefix)) {
      read(storage, role, k)
          .ifPresent(
              e ->
                  storage.transaction(
                      s -> {
                        delete(s, role, k, e);
                        return null;
                      }));
    }
  }

  /** Deletes the expired secret ids of these roles; returns how many. */
  int tidy(List<String> roles, Instant now) {
    int removed = 0;
    for (String role : roles) {
      String prefix = SECRET_ID + hmac.hash(role) + "/";
      for (String k : storage.list(prefix)) {
        Optional<SecretId> e = read(storage, role, k);
        if (e.isPresent() && e.get().expiredAt(now)) {
          storage.transaction(
              s -> {
                delete(s, role, k, e.get());
                return null;
              });
          removed++;
        }
      }
    }
    return removed;
  }

  private void delete(Storage s, String role, String idHash, SecretId e) {
    s.delete(key(role, idHash));
    s.delete(ACCESSOR + hmac.hash(e.accessor()));
  }

  private Optional<SecretId> read(Storage s, String role, String idHash) {
    return s.get(key(role, idHash)).map(StoredJson::read).map(SecretId::fromJson);
  }

  private String key(String role, String idHash) {
    return SECRET_ID + hmac.hash(role) + "/" + idHash;
  }
}
