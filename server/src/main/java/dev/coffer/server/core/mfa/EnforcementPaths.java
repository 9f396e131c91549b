package dev.coffer.server.core.mfa;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.List;
import java.util.UUID;

/**
 * {@code identity/mfa/login-enforcement/:name} (create or update, read, delete) and {@code LIST
 * identity/mfa/login-enforcement}.
 */
final class EnforcementPaths {
  private final MfaStore store;

  EnforcementPaths(MfaStore store) {
    this.store = store;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("mfa/login-enforcement")
            .on(
                Operation.LIST,
                r -> Response.keys(store.enforcements().stream().map(e -> e.name()).toList()))
            .description("lists the login enforcements")
            .build(),
        PathSpec.builder("mfa/login-enforcement/{name}")
            .field("mfa_method_ids", FieldType.STRING_LIST)
            .field("auth_method_accessors", FieldType.STRING_LIST)
            .field("auth_method_types", FieldType.STRING_LIST)
            .field("identity_group_ids", FieldType.STRING_LIST)
            .field("identity_entity_ids", FieldType.STRING_LIST)
            .existence(r -> store.enforcement(r.param("name")).isPresent())
            .on(Operation.CREATE, this::write)
            .on(Operation.UPDATE, this::write)
            .on(Operation.READ, this::read)
            .on(Operation.DELETE, this::delete)
            .description("creates, reads, updates or deletes a login enforcement")
            .build());
  }

  private Response read(Request r) {
    return store
        .enforcement(r.param("name"))
        .map(e -> Response.of(e.view()))
        .orElseThrow(CofferException::notFound);
  }

  private Response delete(Request r) {
    store.deleteEnforcement(r.param("name"));
    return Response.empty();
  }

  private Response write(Request r) {
    String name = r.param("name");
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw CofferException.invalid("invalid login enforcement name \"" + name + "\"");
    }
    LoginEnforcement old = store.enforcement(name).orElse(null);
    List<String> methods = list(r, "mfa_method_ids", old == null ? null : old.mfaMethodIds());
    for (String id : methods) {
      if (store.method(id).isEmpty()) {
        throw CofferException.invalid("MFA method \"" + id + "\" not found");
      }
    }
    store.saveEnforcement(
        new LoginEnforcement(
            name,
            old == null ? UUID.randomUUID().toString() : old.id(),
            methods,
            list(r, "auth_method_accessors", old == null ? null : old.authMethodAccessors()),
            list(r, "auth_method_types", old == null ? null : old.authMethodTypes()),
            list(r, "identity_group_ids", old == null ? null : old.identityGroupIds()),
            list(r, "identity_entity_ids", old == null ? null : old.identityEntityIds())));
    return Response.empty();
  }

  private static List<String> list(Request r, String field, List<String> fallback) {
    if (!r.has(field)) {
      return fallback == null ? List.of() : fallback;
    }
    return r.<String>list(field).stream()
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .distinct()
        .toList();
  }
}
