package dev.coffer.backend.database;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code static-roles/:name}: an existing database user whose password the engine rotates.
 *
 * @param name the role's name
 * @param dbName the {@code config/:name} it uses
 * @param username the database user
 * @param rotationPeriod how often the password changes
 * @param rotationStatements statements that set the password; empty for {@link #DEFAULT_ROTATION}
 * @param password the current password; never in {@link #toString()}
 * @param lastRotation when the engine last set it
 */
record StaticRole(
    String name,
    String dbName,
    String username,
    Duration rotationPeriod,
    List<String> rotationStatements,
    String password,
    Instant lastRotation) {

  /** The smallest rotation period Vault accepts. */
  static final Duration MIN_PERIOD = Duration.ofSeconds(5);

  /** Vault's default rotation for PostgreSQL. */
  static final List<String> DEFAULT_ROTATION =
      List.of("ALTER USER \"{{name}}\" WITH PASSWORD '{{password}}'");

  StaticRole {
    rotationStatements = List.copyOf(rotationStatements);
  }

  /** When the password is next due to change. */
  Instant nextRotation() {
    return lastRotation.plus(rotationPeriod);
  }

  StaticRole rotated(String newPassword, Instant when) {
    return new StaticRole(
        name, dbName, username, rotationPeriod, rotationStatements, newPassword, when);
  }

  Map<String, Object> readView() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("credential_type", "password");
    out.put("db_name", dbName);
    out.put("last_vault_rotation", lastRotation.toString());
    out.put("rotation_period", rotationPeriod.getSeconds());
    out.put("rotation_statements", rotationStatements);
    out.put("username", username);
    return out;
  }

  StoredRecord toStored() {
    return new StoredRecord()
        .put("db_name", dbName)
        .put("username", username)
        .put("rotation_period", rotationPeriod)
        .put("rotation_statements", rotationStatements)
        .put("password", password)
        .put("last_vault_rotation", lastRotation.toString());
  }

  static StaticRole fromStored(String name, StoredRecord r) {
    return new StaticRole(
        name,
        r.string("db_name"),
        r.string("username"),
        r.seconds("rotation_period"),
        r.list("rotation_statements"),
        r.string("password"),
        r.instant("last_vault_rotation"));
  }

  @Override
  public String toString() {
    return "StaticRole[" + name + ", " + dbName + ", " + username + "]";
  }
}
