package dev.coffer.backend.database;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code roles/:name}: how to create, renew and revoke a user for each {@code creds/:name}.
 *
 * @param name the role's name
 * @param dbName the {@code config/:name} it uses
 * @param creationStatements statements that create the user
 * @param revocationStatements statements that drop it; empty for {@link #DEFAULT_REVOCATION}
 * @param renewStatements statements that extend it; empty for {@link #DEFAULT_RENEW}
 * @param rollbackStatements statements run when creation fails
 * @param defaultTtl the lease TTL; zero for the mount's default
 * @param maxTtl the longest lease; zero for the mount's maximum
 */
record DynamicRole(
    String name,
    String dbName,
    List<String> creationStatements,
    List<String> revocationStatements,
    List<String> renewStatements,
    List<String> rollbackStatements,
    Duration defaultTtl,
    Duration maxTtl) {

  /**
   * The revocation when a role has none: end the user's sessions, hand what it owns to the root
   * user, drop its privileges in this database, drop it.
   */
  static final List<String> DEFAULT_REVOCATION =
      List.of(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{{name}}'",
          "REASSIGN OWNED BY \"{{name}}\" TO CURRENT_USER",
          "DROP OWNED BY \"{{name}}\"",
          "DROP ROLE IF EXISTS \"{{name}}\"");

  /** The renewal when a role has none, as in Vault's PostgreSQL plugin. */
  static final List<String> DEFAULT_RENEW =
      List.of("ALTER ROLE \"{{name}}\" VALID UNTIL '{{expiration}}'");

  DynamicRole {
    creationStatements = List.copyOf(creationStatements);
    revocationStatements = List.copyOf(revocationStatements);
    renewStatements = List.copyOf(renewStatements);
    rollbackStatements = List.copyOf(rollbackStatements);
  }

  Map<String, Object> readView() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("creation_statements", creationStatements);
    out.put("credential_type", "password");
    out.put("db_name", dbName);
    out.put("default_ttl", defaultTtl.getSeconds());
    out.put("max_ttl", maxTtl.getSeconds());
    out.put("renew_statements", renewStatements);
    out.put("revocation_statements", revocationStatements);
    out.put("rollback_statements", rollbackStatements);
    return out;
  }

  StoredRecord toStored() {
    return new StoredRecord()
        .put("db_name", dbName)
        .put("creation_statements", creationStatements)
        .put("revocation_statements", revocationStatements)
        .put("renew_statements", renewStatements)
        .put("rollback_statements", rollbackStatements)
        .put("default_ttl", defaultTtl)
        .put("max_ttl", maxTtl);
  }

  static DynamicRole fromStored(String name, StoredRecord r) {
    return new DynamicRole(
        name,
        r.string("db_name"),
        r.list("creation_statements"),
        r.list("revocation_statements"),
        r.list("renew_statements"),
        r.list("rollback_statements"),
        r.seconds("default_ttl"),
        r.seconds("max_ttl"));
  }
}
