package dev.coffer.auth.approle;

import dev.coffer.spi.Cidrs;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code role/:name} create, read, update, delete; {@code LIST role}; {@code role/:name/role-id}.
 */
final class RolePaths {
  private final RoleStore roles;
  private final SecretIdStore secretIds;

  RolePaths(RoleStore roles, SecretIdStore secretIds) {
    this.roles = roles;
    this.secretIds = secretIds;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("role")
            .on(Operation.LIST, r -> listRoles())
            .description("lists the roles")
            .build(),
        PathSpec.builder("role/{role_name}")
            .field("bind_secret_id", FieldType.BOOL)
            .field("secret_id_bound_cidrs", FieldType.STRING_LIST)
            .field("secret_id_num_uses", FieldType.INT)
            .field("secret_id_ttl", FieldType.DURATION)
            .field("token_policies", FieldType.STRING_LIST)
            .field("policies", FieldType.STRING_LIST)
            .field("token_ttl", FieldType.DURATION)
            .field("token_max_ttl", FieldType.DURATION)
            .field("token_period", FieldType.DURATION)
            .field("period", FieldType.DURATION)
            .field("token_num_uses", FieldType.INT)
            .field("token_bound_cidrs", FieldType.STRING_LIST)
            .field("token_no_default_policy", FieldType.BOOL)
            .field("token_type", FieldType.STRING)
            .field("role_id", FieldType.STRING)
            .existence(r -> roles.find(name(r)).isPresent())
            .on(Operation.CREATE, this::write)
            .on(Operation.UPDATE, this::write)
            .on(Operation.READ, this::read)
            .on(Operation.DELETE, this::delete)
            .description("creates, reads, updates and deletes a role")
            .build(),
        PathSpec.builder("role/{role_name}/role-id")
            .field("role_id", FieldType.STRING)
            .on(Operation.READ, this::readRoleId)
            .on(Operation.UPDATE, this::writeRoleId)
            .description("reads or sets the role id of a role")
            .build());
  }

  /** The role of the request's {@code role_name}, lower-cased as Vault does. */
  static String name(Request r) {
    return r.param("role_name").toLowerCase(Locale.ROOT);
  }

  /**
   * The role named by the request.
   *
   * @throws CofferException 400 {@code role "x" does not exist}
   */
  static Role require(RoleStore roles, Request r) {
    String name = name(r);
    return roles
        .find(name)
        .orElseThrow(() -> CofferException.invalid("role \"" + name + "\" does not exist"));
  }

  private Response listRoles() {
    List<String> names = roles.names();
    if (names.isEmpty()) {
      throw CofferException.notFound();
    }
    return Response.keys(names);
  }

  private Response read(Request r) {
    return roles
        .find(name(r))
        .map(role -> Response.of(role.view()))
        .orElseThrow(CofferException::notFound);
  }

  private Response delete(Request r) {
    roles
        .find(name(r))
        .ifPresent(
            role -> {
              secretIds.destroyAll(role.name());
              roles.delete(role);
            });
    return Response.empty();
  }

  private Response write(Request r) {
    String name = name(r);
    if (!name.matches("\\w([\\w.@-]*\\w)?")) {
      throw CofferException.invalid("invalid role name \"" + name + "\"");
    }
    Role old = roles.find(name).orElse(null);
    String roleId = r.string("role_id", old == null ? "" : old.roleId());
    if (roleId.isEmpty()) {
      roleId = UUID.randomUUID().toString();
    }
    if (roles.roleIdTaken(roleId, name)) {
      throw CofferException.invalid("role_id already in use");
    }
    List<String> policies =
        r.has("token_policies")
            ? r.list("token_policies")
            : r.has("policies")
                ? r.list("policies")
                : old == null ? List.of() : old.tokenPolicies();
    Role role =
        new Role(
            name,
            roleId,
            r.bool("bind_secret_id", old == null || old.bindSecretId()),
            cidrs(r, "secret_id_bound_cidrs", old == null ? List.of() : old.secretIdBoundCidrs()),
            nonNegative(r, "secret_id_num_uses", old == null ? 0 : old.secretIdNumUses()),
            seconds(r, "secret_id_ttl", old == null ? 0 : old.secretIdTtl()),
            policies.stream().map(String::trim).filter(p -> !p.isEmpty()).distinct().toList(),
            seconds(r, "token_ttl", old == null ? 0 : old.tokenTtl()),
            seconds(r, "token_max_ttl", old == null ? 0 : old.tokenMaxTtl()),
            r.has("token_period")
                ? seconds(r, "token_period", 0)
                : seconds(r, "period", old == null ? 0 : old.tokenPeriod()),
            nonNegative(r, "token_num_uses", old == null ? 0 : old.tokenNumUses()),
            cidrs(r, "token_bound_cidrs", old == null ? List.of() : old.tokenBoundCidrs()),
            r.bool("token_no_default_policy", old != null && old.tokenNoDefaultPolicy()));
    String tokenType = r.string("token_type", "default");
    if (!List.of("", "default", "service", "default-service").contains(tokenType)) {
      throw CofferException.invalid(
          tokenType.equals("batch")
              ? "batch tokens are not supported"
              : "invalid 'token_type' value \"" + tokenType + "\"");
    }
    if (!role.bindSecretId()
        && role.secretIdBoundCidrs().isEmpty()
        && role.tokenBoundCidrs().isEmpty()) {
      throw CofferException.invalid("at least one constraint should be enabled on the role");
    }
    if (role.tokenMaxTtl() > 0 && role.tokenTtl() > role.tokenMaxTtl()) {
      throw CofferException.invalid("token_ttl should not be greater than token_max_ttl");
    }
    roles.save(role);
    return Response.empty();
  }

  private Response readRoleId(Request r) {
    Role role = require(roles, r);
    return Response.of(Map.of("role_id", role.roleId()));
  }

  private Response writeRoleId(Request r) {
    Role role = require(roles, r);
    String roleId = r.string("role_id", "").trim();
    if (roleId.isEmpty()) {
      throw CofferException.invalid("missing role_id");
    }
    if (roles.roleIdTaken(roleId, role.name())) {
      throw CofferException.invalid("role_id already in use");
    }
    roles.save(
        new Role(
            role.name(),
            roleId,
            role.bindSecretId(),
            role.secretIdBoundCidrs(),
            role.secretIdNumUses(),
            role.secretIdTtl(),
            role.tokenPolicies(),
            role.tokenTtl(),
            role.tokenMaxTtl(),
            role.tokenPeriod(),
            role.tokenNumUses(),
            role.tokenBoundCidrs(),
            role.tokenNoDefaultPolicy()));
    return Response.empty();
  }

  private static List<String> cidrs(Request r, String field, List<String> fallback) {
    if (!r.has(field)) {
      return fallback;
    }
    List<String> blocks =
        r.<String>list(field).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    return Cidrs.validated(blocks);
  }

  private static long nonNegative(Request r, String field, long fallback) {
    long v = r.integer(field, fallback);
    if (v < 0) {
      throw CofferException.invalid(field + " cannot be negative");
    }
    return v;
  }

  private static long seconds(Request r, String field, long fallback) {
    long v = r.duration(field, Duration.ofSeconds(fallback)).getSeconds();
    if (v < 0) {
      throw CofferException.invalid(field + " cannot be negative");
    }
    return v;
  }
}
