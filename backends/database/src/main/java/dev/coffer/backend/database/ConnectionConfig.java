package dev.coffer.backend.database;

import dev.coffer.spi.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code config/:name}: how to reach a database and which roles may use it.
 *
 * @param name the config's name
 * @param pluginName always {@value #PLUGIN_NAME} (also accepted as {@code postgresql})
 * @param connectionUrl the connection URL template, as written (may hold {@code {{username}}} and
 *     {@code {{password}}})
 * @param username the root user
 * @param password the root user's password; never read back, never in {@link #toString()}
 * @param allowedRoles roles that may use this config; {@code *} and globs allowed
 * @param verifyConnection whether writes connect first
 * @param passwordPolicy the password policy for generated passwords, or {@code ""}
 * @param rootRotationStatements statements for {@code rotate-root}; empty for the default
 * @param maxOpenConnections the pool's size
 * @param maxIdleConnections connections kept open while idle
 * @param maxConnectionLifetime how long a pooled connection lives; zero for the pool's default
 */
record ConnectionConfig(
    String name,
    String pluginName,
    String connectionUrl,
    String username,
    String password,
    List<String> allowedRoles,
    boolean verifyConnection,
    String passwordPolicy,
    List<String> rootRotationStatements,
    int maxOpenConnections,
    int maxIdleConnections,
    Duration maxConnectionLifetime) {

  static final String PLUGIN_NAME = "postgresql-database-plugin";
  static final int DEFAULT_MAX_OPEN = 4;

  /** Vault's default root rotation for PostgreSQL. */
  static final List<String> DEFAULT_ROOT_ROTATION =
      List.of("ALTER USER \"{{username}}\" WITH PASSWORD '{{password}}'");

  ConnectionConfig {
    allowedRoles = List.copyOf(allowedRoles);
    rootRotationStatements = List.copyOf(rootRotationStatements);
  }

  /** Whether role {@code role} may use this config ({@code allowed_roles} may hold globs). */
  boolean allows(String role) {
    for (String pattern : allowedRoles) {
      if (Globs.matches(pattern, role)) {
        return true;
      }
    }
    return false;
  }

  /** Where to connect and as whom. */
  PostgresUrl.Target target() {
    return PostgresUrl.resolve(connectionUrl, username, password);
  }

  ConnectionConfig withPassword(String newPassword) {
    return new ConnectionConfig(
        name,
        pluginName,
        connectionUrl,
        username,
        newPassword,
        allowedRoles,
        verifyConnection,
        passwordPolicy,
        rootRotationStatements,
        maxOpenConnections,
        maxIdleConnections,
        maxConnectionLifetime);
  }

  /** What {@code READ config/:name} answers, as Vault does: never the password. */
  Map<String, Object> readView() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("connection_url", PostgresUrl.redact(connectionUrl));
    details.put("username", username);
    details.put("max_open_connections", maxOpenConnections);
    details.put("max_idle_connections", maxIdleConnections);
    details.put("max_connection_lifetime", Durations.format(maxConnectionLifetime));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("allowed_roles", allowedRoles);
    out.put("connection_details", details);
    out.put("password_policy", passwordPolicy);
    out.put("plugin_name", pluginName);
    out.put("plugin_version", "");
    out.put("root_credentials_rotate_statements", rootRotationStatements);
    out.put("verify_connection", verifyConnection);
    return out;
  }

  StoredRecord toStored() {
    return new StoredRecord()
        .put("plugin_name", pluginName)
        .put("connection_url", connectionUrl)
        .put("username", username)
        .put("password", password)
        .put("allowed_roles", allowedRoles)
        .put("verify_connection", Boolean.toString(verifyConnection))
        .put("password_policy", passwordPolicy)
        .put("root_rotation_statements", rootRotationStatements)
        .put("max_open_connections", maxOpenConnections)
        .put("max_idle_connections", maxIdleConnections)
        .put("max_connection_lifetime", maxConnectionLifetime);
  }

  static ConnectionConfig fromStored(String name, StoredRecord r) {
    return new ConnectionConfig(
        name,
        r.string("plugin_name"),
        r.string("connection_url"),
        r.string("username"),
        r.string("password"),
        r.list("allowed_roles"),
        r.bool("verify_connection"),
        r.string("password_policy"),
        r.list("root_rotation_statements"),
        (int) r.number("max_open_connections"),
        (int) r.number("max_idle_connections"),
        r.seconds("max_connection_lifetime"));
  }

  @Override
  public String toString() {
    return "ConnectionConfig[" + name + ", " + PostgresUrl.redact(connectionUrl) + "]";
  }
}
