package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code static-roles/:name}, {@code LIST static-roles/}, {@code static-creds/:name} and {@code
 * rotate-role/:name}. Creating a static role sets a new password at once, as Vault does.
 */
final class StaticRolePaths {
  private final DatabaseContext ctx;
  private final StaticRotations rotations;

  StaticRolePaths(DatabaseContext ctx, StaticRotations rotations) {
    this.ctx = ctx;
    this.rotations = rotations;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("static-roles/{name}")
            .field("db_name", FieldType.STRING, "the database connection to use")
            .field("username", FieldType.STRING, "the existing database user")
            .field("rotation_period", FieldType.DURATION, "how often the password changes")
            .field("rotation_statements", FieldType.ANY, "statements that set the password")
            .field("credential_type", FieldType.STRING, "only password")
            .on(Operation.CREATE, this::write)
            .on(Operation.UPDATE, this::write)
            .on(Operation.READ, this::read)
            .on(Operation.DELETE, this::delete)
            .existence(r -> ctx.store().staticRole(r.param("name")).isPresent())
            .description("a static role")
            .build(),
        PathSpec.builder("static-roles")
            .on(Operation.LIST, r -> Response.keys(ctx.store().staticRoleNames()))
            .description("the static roles")
            .build(),
        PathSpec.builder("static-creds/{name}")
            .on(Operation.READ, this::creds)
            .description("a static role's current password")
            .build(),
        PathSpec.builder("rotate-role/{name}")
            .on(Operation.UPDATE, this::rotate)
            .description("set a static role's password now")
            .build());
  }

  private Response read(Request r) {
    return ctx.store()
        .staticRole(r.param("name"))
        .map(role -> Response.of(role.readView()))
        .orElseThrow(CofferException::notFound);
  }

  private Response delete(Request r) {
    synchronized (ctx.lock()) {
      ctx.store().deleteStaticRole(r.param("name"));
    }
    return Response.empty();
  }

  private Response creds(Request r) {
    String name = r.param("name");
    StaticRole role =
        ctx.store()
            .staticRole(name)
            .orElseThrow(() -> CofferException.invalid("unknown role: " + name));
    Instant now = ctx.mount().clock().instant();
    long ttl = Math.max(0, Duration.between(now, role.nextRotation()).getSeconds());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("last_vault_rotation", role.lastRotation().toString());
    data.put("password", role.password());
    data.put("rotation_period", role.rotationPeriod().getSeconds());
    data.put("ttl", ttl);
    data.put("username", role.username());
    return Response.of(data);
  }

  private Response rotate(Request r) {
    String name = r.param("name");
    StaticRole role =
        ctx.store()
            .staticRole(name)
            .orElseThrow(() -> CofferException.invalid("static role \"" + name + "\" not found"));
    rotations.rotate(role);
    return Response.empty();
  }

  private Response write(Request r) {
    String name = r.param("name");
    synchronized (ctx.lock()) {
      if (ctx.store().role(name).isPresent()) {
        throw CofferException.invalid("Role and static role names must be unique");
      }
      CredentialTypes.requirePassword(r);
      StaticRole old = ctx.store().staticRole(name).orElse(null);
      String dbName = r.string("db_name", old == null ? "" : old.dbName());
      String username = r.string("username", old == null ? "" : old.username());
      if (old != null && !old.username().equals(username)) {
        throw CofferException.invalid("cannot update static role username");
      }
      if (old != null && !old.dbName().equals(dbName)) {
        throw CofferException.invalid("cannot update static role db_name");
      }
      if (dbName.isEmpty()) {
        throw CofferException.invalid("db_name is required");
      }
      Identifiers.requireSafe("username", username);
      Duration period =
          r.duration("rotation_period", old == null ? Duration.ZERO : old.rotationPeriod());
      if (period.isZero()) {
        throw CofferException.invalid("rotation_period is required");
      }
      if (period.compareTo(StaticRole.MIN_PERIOD) < 0) {
        throw CofferException.invalid("rotation_period must be 5 seconds or more");
      }
      List<String> statements =
          SqlStatements.fromField("rotation_statements", r.data().get("rotation_statements"));
      StaticRole role =
          new StaticRole(
              name,
              dbName,
              username,
              period,
              statements != null ? statements : old == null ? List.of() : old.rotationStatements(),
              old == null ? "" : old.password(),
              old == null ? Instant.EPOCH : old.lastRotation());
      if (old == null) {
        rotations.rotate(role);
      } else {
        ctx.configForRole(dbName, name);
        ctx.store().putStaticRole(role);
      }
    }
    return Response.empty();
  }
}
