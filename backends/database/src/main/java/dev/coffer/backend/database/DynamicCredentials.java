package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretLease;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code creds/:name}: creates a database user per read and hands it out with a lease, and takes it
 * back when the server revokes or renews that lease.
 *
 * <p>The lease's internal data holds everything revocation and renewal need (the config's name, the
 * user, and the role's revocation and renew statements as they were at issue), so changing or
 * deleting the role later cannot strand a user.
 */
final class DynamicCredentials {
  /** The lease kind of a dynamic credential. */
  static final String KIND = "creds";

  static final String DB_NAME = "db_name";
  static final String USERNAME = "username";
  static final String ROLE = "role";
  static final String REVOCATION = "revocation_statements";
  static final String RENEW = "renew_statements";

  private final DatabaseContext ctx;

  DynamicCredentials(DatabaseContext ctx) {
    this.ctx = ctx;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("creds/{name}")
            .on(Operation.READ, this::issue)
            .description("a new database user for the role, with a lease")
            .build());
  }

  private Response issue(Request r) {
    String roleName = r.param("name");
    DynamicRole role =
        ctx.store()
            .role(roleName)
            .orElseThrow(() -> CofferException.invalid("unknown role: " + roleName));
    ConnectionConfig config = ctx.configForRole(role.dbName(), roleName);
    Duration mountMax = ctx.mount().maxLeaseTtl();
    Duration maxTtl = min(role.maxTtl().isZero() ? mountMax : role.maxTtl(), mountMax);
    Duration ttl =
        min(role.defaultTtl().isZero() ? ctx.mount().defaultLeaseTtl() : role.defaultTtl(), maxTtl);
    Instant now = ctx.mount().clock().instant();
    String username = Usernames.generate(r.client().displayName(), roleName, now);
    String password = ctx.mount().generatePassword(config.passwordPolicy());
    Map<String, String> values = SqlStatements.values(username, password, now.plus(ttl));
    DataSource ds = ctx.dataSource(config);
    try {
      SqlRunner.run(ds, role.creationStatements(), values);
    } catch (SQLException | RuntimeException e) {
      rollback(ds, role, values);
      throw JdbcErrors.toCoffer(
          "failed to create a user for role \"" + roleName + "\"",
          e,
          List.of(password, config.password()));
    }
    Map<String, Object> internal = new LinkedHashMap<>();
    internal.put(DB_NAME, config.name());
    internal.put(USERNAME, username);
    internal.put(ROLE, roleName);
    internal.put(REVOCATION, role.revocationStatements());
    internal.put(RENEW, role.renewStatements());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("username", username);
    data.put("password", password);
    return Response.of(data).withLease(SecretLease.of(KIND, ttl, internal).withMaxTtl(maxTtl));
  }

  /** Drops the lease's user; a user that is already gone counts as revoked, with a warning. */
  List<String> revoke(IssuedLease lease) {
    String username = lease.internalString(USERNAME);
    ConnectionConfig config = configOf(lease, "revoke");
    DataSource ds = ctx.dataSource(config);
    try {
      if (!SqlRunner.userExists(ds, username)) {
        return List.of(
            "user \""
                + username
                + "\" no longer exists in database \""
                + config.name()
                + "\"; nothing to revoke");
      }
      List<String> statements = statements(lease, REVOCATION, DynamicRole.DEFAULT_REVOCATION);
      SqlRunner.run(ds, statements, SqlStatements.values(username, null, null));
      return List.of();
    } catch (SQLException | RuntimeException e) {
      if (e instanceof CofferException ce) {
        throw ce;
      }
      throw JdbcErrors.toCoffer(
          "failed to revoke user \"" + username + "\"", e, List.of(config.password()));
    }
  }

  /** Moves the lease's user's expiry to {@code newExpireTime}. */
  void renew(IssuedLease lease, Instant newExpireTime) {
    String username = lease.internalString(USERNAME);
    ConnectionConfig config = configOf(lease, "renew");
    DataSource ds = ctx.dataSource(config);
    try {
      if (!SqlRunner.userExists(ds, username)) {
        throw CofferException.invalid(
            "cannot renew: user \"" + username + "\" no longer exists in the database");
      }
      List<String> statements = statements(lease, RENEW, DynamicRole.DEFAULT_RENEW);
      SqlRunner.run(ds, statements, SqlStatements.values(username, null, newExpireTime));
    } catch (SQLException | RuntimeException e) {
      if (e instanceof CofferException ce) {
        throw ce;
      }
      throw JdbcErrors.toCoffer(
          "failed to renew user \"" + username + "\"", e, List.of(config.password()));
    }
  }

  private ConnectionConfig configOf(IssuedLease lease, String what) {
    String dbName = lease.internalString(DB_NAME);
    if (!lease.kind().equals(KIND) || lease.internalString(USERNAME).isEmpty()) {
      throw new CofferException(
          ErrorCode.INTERNAL, "cannot " + what + " lease: not a database credential");
    }
    return ctx.store()
        .config(dbName)
        .orElseThrow(
            () ->
                new CofferException(
                    ErrorCode.UPSTREAM_FAILURE,
                    "cannot "
                        + what
                        + " user \""
                        + lease.internalString(USERNAME)
                        + "\": database configuration \""
                        + dbName
                        + "\" no longer exists"));
  }

  private static List<String> statements(IssuedLease lease, String key, List<String> fallback) {
    Object v = lease.internal().get(key);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      list.forEach(o -> out.add(String.valueOf(o)));
    } else if (v instanceof String s && !s.isBlank()) {
      out.add(s);
    }
    return out.isEmpty() ? fallback : out;
  }

  private void rollback(DataSource ds, DynamicRole role, Map<String, String> values) {
    if (role.rollbackStatements().isEmpty()) {
      return;
    }
    try {
      SqlRunner.run(ds, role.rollbackStatements(), values);
    } catch (SQLException | RuntimeException e) {
      ctx.mount()
          .logger()
          .log(
              System.Logger.Level.WARNING,
              "rollback statements of role \"" + role.name() + "\" failed too");
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
