package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code config/:name}, {@code LIST config/}, {@code reset/:name} and {@code rotate-root/:name}.
 */
final class ConfigPaths {
  private final DatabaseContext ctx;

  ConfigPaths(DatabaseContext ctx) {
    this.ctx = ctx;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("config/{name}")
            .field("plugin_name", FieldType.STRING, "postgresql-database-plugin")
            .field("plugin_version", FieldType.STRING, "ignored")
            .field("connection_url", FieldType.STRING, "URL with {{username}} and {{password}}")
            .field("username", FieldType.STRING, "the root user")
            .field("password", FieldType.STRING, "the root user's password; never read back")
            .field("allowed_roles", FieldType.STRING_LIST, "roles that may use this connection")
            .field("verify_connection", FieldType.BOOL, "connect before saving (default true)")
            .field("password_policy", FieldType.STRING, "policy for generated passwords")
            .field("root_rotation_statements", FieldType.ANY, "statements for rotate-root")
            .field("max_open_connections", FieldType.INT, "pool size (default 4)")
            .field("max_idle_connections", FieldType.INT, "idle connections kept (default 0)")
            .field("max_connection_lifetime", FieldType.DURATION, "lifetime of a connection")
            .field("username_template", FieldType.STRING, "not supported")
            .on(Operation.CREATE, this::write)
            .on(Operation.UPDATE, this::write)
            .on(Operation.READ, this::read)
            .on(Operation.DELETE, this::delete)
            .existence(r -> ctx.store().config(r.param("name")).isPresent())
            .description("a database connection")
            .build(),
        PathSpec.builder("config")
            .on(Operation.LIST, r -> Response.keys(ctx.store().configNames()))
            .description("the database connections")
            .build(),
        PathSpec.builder("reset/{name}")
            .on(Operation.UPDATE, this::reset)
            .description("close and reopen a connection's pool")
            .build(),
        PathSpec.builder("rotate-root/{name}")
            .on(Operation.UPDATE, this::rotateRoot)
            .description("rotate the root user's password")
            .build());
  }

  private Response read(Request r) {
    return ctx.store()
        .config(r.param("name"))
        .map(c -> Response.of(c.readView()))
        .orElseThrow(CofferException::notFound);
  }

  private Response delete(Request r) {
    synchronized (ctx.lock()) {
      ctx.store().deleteConfig(r.param("name"));
      ctx.pools().close(r.param("name"));
    }
    return Response.empty();
  }

  private Response reset(Request r) {
    ctx.config(r.param("name"));
    ctx.pools().close(r.param("name"));
    return Response.empty();
  }

  private Response write(Request r) {
    String name = r.param("name");
    synchronized (ctx.lock()) {
      ConnectionConfig old = ctx.store().config(name).orElse(null);
      ConnectionConfig config = merge(name, old, r);
      if (config.verifyConnection()) {
        try {
          ConnectionPools.verify(config);
        } catch (SQLException | RuntimeException e) {
          if (e instanceof CofferException ce) {
            throw ce;
          }
          throw CofferException.invalid(
              "error verifying connection to \""
                  + name
                  + "\": "
                  + JdbcErrors.describe(e, ConnectionPools.secretsOf(config)));
        }
      }
      ctx.store().putConfig(config);
      ctx.pools().close(name);
    }
    return Response.empty();
  }

  private static ConnectionConfig merge(String name, ConnectionConfig old, Request r) {
    if (r.has("username_template") && !r.string("username_template", "").isEmpty()) {
      throw CofferException.invalid("username_template is not supported");
    }
    String plugin = r.string("plugin_name", old == null ? "" : old.pluginName());
    if (plugin.isEmpty()) {
      throw CofferException.invalid("plugin_name is required");
    }
    String p = plugin.toLowerCase(Locale.ROOT);
    if (!p.equals(ConnectionConfig.PLUGIN_NAME) && !p.equals("postgresql")) {
      throw CofferException.invalid(
          "unsupported plugin_name \""
              + plugin
              + "\": this engine supports "
              + ConnectionConfig.PLUGIN_NAME);
    }
    String url = r.string("connection_url", old == null ? "" : old.connectionUrl());
    if (url.isBlank()) {
      throw CofferException.invalid("connection_url is required");
    }
    String username = r.string("username", old == null ? "" : old.username());
    if (!username.isEmpty()) {
      Identifiers.requireSafe("username", username);
    }
    String password = r.string("password", old == null ? "" : old.password());
    List<String> rootStatements =
        SqlStatements.fromField(
            "root_rotation_statements", r.data().get("root_rotation_statements"));
    int maxOpen =
        (int)
            r.integer(
                "max_open_connections",
                old == null ? ConnectionConfig.DEFAULT_MAX_OPEN : old.maxOpenConnections());
    if (maxOpen < 1 || maxOpen > 100) {
      throw CofferException.invalid("max_open_connections must be between 1 and 100");
    }
    int maxIdle =
        (int) r.integer("max_idle_connections", old == null ? 0 : old.maxIdleConnections());
    if (maxIdle < 0) {
      throw CofferException.invalid("max_idle_connections must not be negative");
    }
    ConnectionConfig config =
        new ConnectionConfig(
            name,
            ConnectionConfig.PLUGIN_NAME,
            url,
            username,
            password,
            r.has("allowed_roles")
                ? r.list("allowed_roles")
                : old == null ? List.of() : old.allowedRoles(),
            r.bool("verify_connection", true),
            r.string("password_policy", old == null ? "" : old.passwordPolicy()),
            rootStatements != null
                ? rootStatements
                : old == null ? List.of() : old.rootRotationStatements(),
            maxOpen,
            maxIdle,
            r.duration(
                "max_connection_lifetime",
                old == null ? Duration.ZERO : old.maxConnectionLifetime()));
    config.target();
    return config;
  }

  private Response rotateRoot(Request r) {
    String name = r.param("name");
    synchronized (ctx.lock()) {
      ConnectionConfig config = ctx.config(name);
      if (config.username().isEmpty()
          || !PostgresUrl.usesPasswordPlaceholder(config.connectionUrl())) {
        throw CofferException.invalid(
            "cannot rotate the root credentials of \""
                + name
                + "\": set username and password, and use {{username}} and {{password}} in"
                + " connection_url");
      }
      String newPassword = ctx.mount().generatePassword(config.passwordPolicy());
      ConnectionConfig rotated = config.withPassword(newPassword);
      List<String> statements =
          config.rootRotationStatements().isEmpty()
              ? ConnectionConfig.DEFAULT_ROOT_ROTATION
              : config.rootRotationStatements();
      try {
        SqlRunner.run(
            ctx.dataSource(config),
            statements,
            SqlStatements.values(config.username(), newPassword, null),
            () -> ctx.store().putConfig(rotated));
      } catch (SQLException | RuntimeException e) {
        ctx.store().putConfig(config);
        if (e instanceof CofferException ce) {
          throw ce;
        }
        throw JdbcErrors.toCoffer(
            "failed to rotate the root credentials of \"" + name + "\"",
            e,
            List.of(config.password(), newPassword));
      }
      ctx.pools().close(name);
    }
    return Response.empty();
  }
}
