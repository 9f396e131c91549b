package dev.coffer.server.core.mfa;

import dev.coffer.server.core.Json;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.Storage;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * MFA methods, login enforcements and TOTP enrolments inside the barrier under {@code
 * identity/mfa/}: {@code method/totp/<id>}, {@code enforcement/<name>}, {@code totp-secret/<method
 * id>/<entity id>}.
 */
final class MfaStore {
  private static final String METHOD = "method/totp/";
  private static final String ENFORCEMENT = "enforcement/";
  private static final String SECRET = "totp-secret/";

  private final Barrier barrier;

  MfaStore(Barrier barrier) {
    this.barrier = barrier;
  }

  Optional<TotpMethod> method(String id) {
    if (id == null || id.isEmpty() || id.contains("/")) {
      return Optional.empty();
    }
    return storage().get(METHOD + id).map(Json::read).map(TotpMethod::fromJson);
  }

  List<String> methodIds() {
    return storage().list(METHOD).stream().filter(k -> !k.endsWith("/")).sorted().toList();
  }

  void saveMethod(TotpMethod method) {
    storage().put(METHOD + method.id(), Json.write(method.toJson()));
  }

  /** Deletes the method and every enrolment in it. */
  void deleteMethod(String id) {
    storage()
        .transaction(
            s -> {
              for (String entity : s.list(SECRET + id + "/")) {
                s.delete(SECRET + id + "/" + entity);
              }
              s.delete(METHOD + id);
              return null;
            });
  }

  Optional<LoginEnforcement> enforcement(String name) {
    if (name == null || name.isEmpty() || name.contains("/")) {
      return Optional.empty();
    }
    return storage().get(ENFORCEMENT + name).map(Json::read).map(LoginEnforcement::fromJson);
  }

  List<LoginEnforcement> enforcements() {
    return storage().list(ENFORCEMENT).stream()
        .filter(k -> !k.endsWith("/"))
        .sorted()
        .map(this::enforcement)
        .flatMap(Optional::stream)
        .toList();
  }

  void saveEnforcement(LoginEnforcement e) {
    storage().put(ENFORCEMENT + e.name(), Json.write(e.toJson()));
  }

  void deleteEnforcement(String name) {
    storage().delete(ENFORCEMENT + name);
  }

  Optional<TotpSecret> secret(String methodId, String entityId) {
    return storage().get(secretKey(methodId, entityId)).map(Json::read).map(TotpSecret::fromJson);
  }

  /** The ids of the methods {@code entityId} is enrolled in. */
  List<String> enrolments(String entityId) {
    return methodIds().stream().filter(m -> secret(m, entityId).isPresent()).toList();
  }

  /**
   * Runs {@code work} on the enrolment of {@code entityId} in {@code methodId} in one transaction:
   * it gets the stored secret (or empty) and answers what to store (or empty to delete).
   */
  <T> T update(String methodId, String entityId, Function<Optional<TotpSecret>, Change<T>> work) {
    String key = secretKey(methodId, entityId);
    return storage()
        .transaction(
            s -> {
              Change<T> change = work.apply(s.get(key).map(Json::read).map(TotpSecret::fromJson));
              if (change.store() == null) {
                s.delete(key);
              } else {
                s.put(key, Json.write(change.store().toJson()));
              }
              return change.result();
            });
  }

  /** What {@link #update} stores ({@code null} deletes) and answers. */
  record Change<T>(TotpSecret store, T result) {}

  private static String secretKey(String methodId, String entityId) {
    return SECRET + methodId + "/" + entityId;
  }

  private Storage storage() {
    return barrier.view("identity/mfa/");
  }
}
