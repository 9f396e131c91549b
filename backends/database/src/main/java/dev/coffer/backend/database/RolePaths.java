package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.util.List;

/** {@code roles/:name} and {@code LIST roles/}: the dynamic roles. */
final class RolePaths {
  private final DatabaseContext ctx;

  RolePaths(DatabaseContext ctx) {
    this.ctx = ctx;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("roles/{name}")
            .field("db_name", FieldType.STRING, "the database connection to use")
            .field("creation_statements", FieldType.ANY, "statements that create the user")
            .field("revocation_statements", FieldType.ANY, "statements that drop the user")
            .field("renew_statements", FieldType.ANY, "statements that extend the user")
            .field("rollback_statements", FieldType.ANY, "statements run when creation fails")
            .field("default_ttl", FieldType.DURATION, "lease TTL (0: the mount's default)")
            .field("max_ttl", FieldType.DURATION, "maximum lease TTL (0: the mount's maximum)")
            .field("credential_type", FieldType.STRING, "only password")
            .on(Operation.CREATE, this::write)
            .on(Operation.UPDATE, this::write)
            .on(Operation.READ, this::read)
            .on(Operation.DELETE, this::delete)
            .existence(r -> ctx.store().role(r.param("name")).isPresent())
            .description("a dynamic role")
            .build(),
        PathSpec.builder("roles")
            .on(Operation.LIST, r -> Response.keys(ctx.store().roleNames()))
            .description("the dynamic roles")
            .build());
  }

  private Response read(Request r) {
    return ctx.store()
        .role(r.param("name"))
        .map(role -> Response.of(role.readView()))
        .orElseThrow(CofferException::notFound);
  }

  private Response delete(Request r) {
    synchronized (ctx.lock()) {
      ctx.store().deleteRole(r.param("name"));
    }
    return Response.empty();
  }

  private Response write(Request r) {
    String name = r.param("name");
    synchronized (ctx.lock()) {
      if (ctx.store().staticRole(name).isPresent()) {
        throw CofferException.invalid("Role and static role names must be unique");
      }
      DynamicRole old = ctx.store().role(name).orElse(null);
      CredentialTypes.requirePassword(r);
      String dbName = r.string("db_name", old == null ? "" : old.dbName());
      if (dbName.isEmpty()) {
        throw CofferException.invalid("db_name is required");
      }
      List<String> creation =
          statements(r, "creation_statements", old == null ? null : old.creationStatements());
      if (creation.isEmpty()) {
        throw CofferException.invalid("creation_statements are required");
      }
      Duration ttl = r.duration("default_ttl", old == null ? Duration.ZERO : old.defaultTtl());
      Duration maxTtl = r.duration("max_ttl", old == null ? Duration.ZERO : old.maxTtl());
      if (ttl.isNegative() || maxTtl.isNegative()) {
        throw CofferException.invalid("default_ttl and max_ttl must not be negative");
      }
      if (!maxTtl.isZero() && ttl.compareTo(maxTtl) > 0) {
        throw CofferException.invalid("default_ttl cannot be greater than max_ttl");
      }
      DynamicRole role =
          new DynamicRole(
              name,
              dbName,
              creation,
              statements(
                  r, "revocation_statements", old == null ? null : old.revocationStatements()),
              statements(r, "renew_statements", old == null ? null : old.renewStatements()),
              statements(r, "rollback_statements", old == null ? null : old.rollbackStatements()),
              ttl,
              maxTtl);
      ctx.store().putRole(role);
    }
    return Response.empty();
  }

  private static List<String> statements(Request r, String field, List<String> old) {
    List<String> given = SqlStatements.fromField(field, r.data().get(field));
    if (given != null) {
      return given;
    }
    return old == null ? List.of() : old;
  }
}
