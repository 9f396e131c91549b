package dev.coffer.backend.local.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the {@code coffer_entries} table ({@link EntryTable}) in a new file and brings files
 * written by earlier versions up to date, recording the layout in {@code PRAGMA user_version}.
 *
 * <ul>
 *   <li>Version 1: {@code key TEXT PRIMARY KEY} on a rowid table, so a read looked the key up in
 *       the key's index and then the row in the table.
 *   <li>Version 2: the row's id is derived from its key ({@link KeyIds}); the key's index is gone.
 * </ul>
 *
 * <p>A migration runs once, at start-up, in one transaction: it either completes or leaves the file
 * as it was. It copies every row into a new table in id order, so it takes time and disk space in
 * proportion to the file (the old table's pages stay in the file as free pages, reused by later
 * writes; {@code VACUUM} with the server stopped returns them to the file system).
 */
final class EntrySchema {
  /** The layout this version writes, stored in {@code PRAGMA user_version}. */
  static final int VERSION = 2;

  private static final System.Logger LOG = System.getLogger(EntrySchema.class.getName());

  private static final String COLUMNS =
      "(id INTEGER PRIMARY KEY, parent TEXT NOT NULL, name TEXT NOT NULL, value BLOB,"
          + " key TEXT GENERATED ALWAYS AS (parent || name) VIRTUAL)";
  private static final String CHILDREN_INDEX =
      "CREATE UNIQUE INDEX coffer_entries_children ON coffer_entries(parent, name)";

  private EntrySchema() {}

  /**
   * Makes the file at {@code c} hold the current layout: creates it in an empty file, migrates an
   * older one, and refuses one written by a newer version of Coffer.
   *
   * @throws IllegalArgumentException if the file was written by a newer version
   */
  static void prepare(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        int version = userVersion(s);
        if (version > VERSION) {
          throw new IllegalArgumentException(
              "the SQLite database given by 'storage.path' was written by a newer version of"
                  + " Coffer (storage layout "
                  + version
                  + "; this version reads up to "
                  + VERSION
                  + ")");
        }
        if (!tableExists(s)) {
          s.executeUpdate("CREATE TABLE coffer_entries " + COLUMNS);
          s.executeUpdate(CHILDREN_INDEX);
        } else if (version < VERSION) {
          migrateFromVersion1(c, s);
        }
        if (version < VERSION) {
          s.executeUpdate("PRAGMA user_version = " + VERSION);
        }
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        try {
          s.execute("ROLLBACK");
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    }
  }

  private static void migrateFromVersion1(Connection c, Statement s) throws SQLException {
    long rows = count(s, "SELECT count(*) FROM coffer_entries");
    LOG.log(System.Logger.Level.INFO, "storage: migrating " + rows + " rows to layout " + VERSION);
    long started = System.nanoTime();
    s.executeUpdate("CREATE TABLE coffer_entries_new " + COLUMNS);
    // First the new id of every row, in a small table ordered by that id...
    s.executeUpdate("CREATE TEMP TABLE coffer_new_ids(id INTEGER PRIMARY KEY, old INTEGER)");
    try (ResultSet rs = s.executeQuery("SELECT rowid, parent || name FROM coffer_entries");
        PreparedStatement add =
            c.prepareStatement("INSERT OR IGNORE INTO coffer_new_ids(id, old) VALUES (?, ?)");
        PreparedStatement taken =
            c.prepareStatement(
                "SELECT id FROM coffer_new_ids WHERE id BETWEEN ? AND ? ORDER BY id")) {
      while (rs.next()) {
        long first = KeyIds.first(rs.getString(2));
        add.setLong(1, first);
        add.setLong(2, rs.getLong(1));
        if (add.executeUpdate() == 0) {
          add.setLong(1, KeyIds.firstFree(taken, first));
          add.executeUpdate();
        }
      }
    }
    // ...then the rows in that order, so the new table is written front to back.
    s.executeUpdate(
        "INSERT INTO coffer_entries_new(id, parent, name, value)"
            + " SELECT n.id, e.parent, e.name, e.value"
            + " FROM temp.coffer_new_ids n CROSS JOIN coffer_entries e ON e.rowid = n.old"
            + " ORDER BY n.id");
    s.executeUpdate("DROP TABLE temp.coffer_new_ids");
    s.executeUpdate("DROP TABLE coffer_entries");
    s.executeUpdate("ALTER TABLE coffer_entries_new RENAME TO coffer_entries");
    s.executeUpdate(CHILDREN_INDEX);
    LOG.log(
        System.Logger.Level.INFO,
        "storage: migrated "
            + rows
            + " rows to layout "
            + VERSION
            + " in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }

  private static int userVersion(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static boolean tableExists(Statement s) throws SQLException {
    return count(
            s,
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'coffer_entries'")
        > 0;
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
