package dev.coffer.server.core.token;

import dev.coffer.server.core.Json;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import dev.coffer.spi.Storage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code auth/token/roles} (LIST) and {@code auth/token/roles/:role_name} (GET, POST, DELETE).
 * Roles are stored at {@code sys/token/role/<name>}.
 */
final class RolePaths {
  static final String PREFIX = "sys/token/role/";

  private final Storage storage;

  RolePaths(Storage storage) {
    this.storage = storage;
  }

  /** The role with this name, if any. */
  Optional<TokenRole> find(String name) {
    String n = normalize(name);
    if (n.isEmpty() || n.contains("/")) {
      return Optional.empty();
    }
    return storage.get(PREFIX + n).map(b -> TokenRole.fromJson(Json.read(b)));
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("roles")
            .on(Operation.LIST, r -> Response.keys(storage.list(PREFIX)))
            .description("lists the token roles")
            .build(),
        PathSpec.builder("roles/{role_name}")
            .field("allowed_policies", FieldType.STRING_LIST)
            .field("disallowed_policies", FieldType.STRING_LIST)
            .field("orphan", FieldType.BOOL)
            .field("renewable", FieldType.BOOL)
            .field("period", FieldType.DURATION)
            .field("token_period", FieldType.DURATION)
            .field("explicit_max_ttl", FieldType.DURATION)
            .field("token_explicit_max_ttl", FieldType.DURATION)
            .field("token_ttl", FieldType.DURATION)
            .field("token_num_uses", FieldType.INT)
            .field("token_no_default_policy", FieldType.BOOL)
            .field("path_suffix", FieldType.STRING)
            .field("allowed_entity_aliases", FieldType.STRING_LIST)
            .on(Operation.READ, this::read)
            .on(Operation.CREATE, this::write)
            .on(Operation.UPDATE, this::write)
            .on(Operation.DELETE, this::delete)
            .existence(r -> find(r.param("role_name")).isPresent())
            .description("reads, writes and deletes a token role")
            .build());
  }

  private Response read(Request r) {
    return find(r.param("role_name"))
        .map(role -> Response.of(role.toApi()))
        .orElseThrow(CofferException::notFound);
  }

  private Response delete(Request r) {
    storage.delete(PREFIX + normalize(r.param("role_name")));
    return Response.empty();
  }

  private Response write(Request r) {
    String name = normalize(r.param("role_name"));
    TokenRole old =
        find(name)
            .orElse(
                new TokenRole(
                    name, List.of(), List.of(), false, true, 0, 0, 0, 0, false, "", List.of()));
    String suffix = r.string("path_suffix", old.pathSuffix()).trim();
    if (suffix.contains("..")) {
      throw CofferException.invalid("error: path_suffix cannot contain '..'");
    }
    long uses = r.integer("token_num_uses", old.numUses());
    if (uses < 0) {
      throw CofferException.invalid("token_num_uses cannot be negative");
    }
    TokenRole role =
        new TokenRole(
            name,
            r.has("allowed_policies")
                ? TokenPolicies.sanitize(r.list("allowed_policies"), false)
                : old.allowedPolicies(),
            r.has("disallowed_policies")
                ? TokenPolicies.sanitize(r.list("disallowed_policies"), false)
                : old.disallowedPolicies(),
            r.bool("orphan", old.orphan()),
            r.bool("renewable", old.renewable()),
            seconds(r, "token_period", "period", old.period()),
            seconds(r, "token_explicit_max_ttl", "explicit_max_ttl", old.explicitMaxTtl()),
            seconds(r, "token_ttl", "token_ttl", old.ttl()),
            uses,
            r.bool("token_no_default_policy", old.noDefaultPolicy()),
            suffix,
            r.has("allowed_entity_aliases")
                ? r.<String>list("allowed_entity_aliases")
                : old.allowedEntityAliases());
    storage.put(PREFIX + name, Json.write(role.toJson()));
    return Response.empty();
  }

  /** The value of {@code field}, or else of its legacy name {@code legacy}, or {@code fallback}. */
  private static long seconds(Request r, String field, String legacy, long fallback) {
    if (r.has(field)) {
      return r.duration(field, Duration.ZERO).getSeconds();
    }
    if (r.has(legacy)) {
      return r.duration(legacy, Duration.ZERO).getSeconds();
    }
    return fallback;
  }

  private static String normalize(String name) {
    return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
  }
}
