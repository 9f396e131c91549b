package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.MountContext;
import javax.sql.DataSource;

/**
 * What the engine's parts share: its records, its pools, the mount, and one lock that serialises
 * writes and rotations (so two rotations of one password never interleave).
 */
record DatabaseContext(
    DatabaseStore store, ConnectionPools pools, MountContext mount, Object lock) {

  /** The config {@code dbName}, or a 400 saying it does not exist. */
  ConnectionConfig config(String dbName) {
    return store
        .config(dbName)
        .orElseThrow(
            () -> CofferException.invalid("database configuration \"" + dbName + "\" not found"));
  }

  /** The config role {@code role} uses, or a 400 if it is missing or does not allow the role. */
  ConnectionConfig configForRole(String dbName, String role) {
    ConnectionConfig config =
        store
            .config(dbName)
            .orElseThrow(
                () ->
                    CofferException.invalid(
                        "database configuration \""
                            + dbName
                            + "\" (db_name of role \""
                            + role
                            + "\") not found"));
    if (!config.allows(role)) {
      throw CofferException.invalid(
          "\"" + role + "\" is not an allowed role of database configuration \"" + dbName + "\"");
    }
    return config;
  }

  DataSource dataSource(ConnectionConfig config) {
    return pools.get(config);
  }
}
