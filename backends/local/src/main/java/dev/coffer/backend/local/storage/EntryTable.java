package dev.coffer.backend.local.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one table the SQLite backend keeps, and every statement on it.
 *
 * <pre>
 * coffer_entries(key TEXT PRIMARY KEY, parent TEXT, name TEXT, value BLOB)
 * index coffer_entries_children ON (parent, name)
 * </pre>
 *
 * <p>A stored key {@code a/b/c} is a row with {@code parent = "a/b/"}, {@code name = "c"} and its
 * value. Each folder that holds at least one key is a row too, with {@code value NULL} and the key
 * ending in {@code /}: {@code a/b/} is {@code (parent "a/", name "b/")} and {@code a/} is {@code
 * (parent "", name "a/")}. Listing a folder is then one indexed range query, {@code WHERE parent =
 * ? AND name > ? ORDER BY name LIMIT ?}, whatever the size of the tree below it. A put adds missing
 * folder rows; a delete removes folder rows that became empty. Stored keys never end in {@code /},
 * so the two kinds of rows cannot collide.
 */
final class EntryTable {
  /** Written to {@code PRAGMA user_version} so later versions can migrate. */
  static final int SCHEMA_VERSION = 1;

  /** One page of a folder's children: an index range scan on {@code (parent, name)}. */
  static final String CHILDREN_SQL =
      "SELECT name FROM coffer_entries WHERE parent = ? AND name > ? ORDER BY name LIMIT ?";

  private EntryTable() {}

  static void createSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          "CREATE TABLE IF NOT EXISTS coffer_entries ("
              + "key TEXT NOT NULL PRIMARY KEY, "
              + "parent TEXT NOT NULL, "
              + "name TEXT NOT NULL, "
              + "value BLOB)");
      s.executeUpdate(
          "CREATE UNIQUE INDEX IF NOT EXISTS coffer_entries_children"
              + " ON coffer_entries(parent, name)");
      s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
    }
  }

  static Optional<byte[]> get(Connection c, String key) throws SQLException {
    requireKey(key);
    try (PreparedStatement s =
        c.prepareStatement("SELECT value FROM coffer_entries WHERE key = ?")) {
      s.setString(1, key);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        byte[] v = rs.getBytes(1);
        return Optional.of(v == null ? new byte[0] : v);
      }
    }
  }

  static void put(Connection c, String key, byte[] value) throws SQLException {
    requireKey(key);
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO coffer_entries(key, parent, name, value) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
      s.setString(1, key);
      s.setString(2, parentOf(key));
      s.setString(3, nameOf(key));
      s.setBytes(4, value);
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT OR IGNORE INTO coffer_entries(key, parent, name, value) VALUES (?, ?, ?, NULL)")) {
      // Deepest folder first; once one exists, every folder above it exists too.
      for (String folder = parentOf(key); !folder.isEmpty(); folder = parentOf(folder)) {
        s.setString(1, folder);
        s.setString(2, parentOf(folder));
        s.setString(3, nameOf(folder));
        if (s.executeUpdate() == 0) {
          break;
        }
      }
    }
  }

  static void delete(Connection c, String key) throws SQLException {
    requireKey(key);
    try (PreparedStatement s = c.prepareStatement("DELETE FROM coffer_entries WHERE key = ?")) {
      s.setString(1, key);
      if (s.executeUpdate() == 0) {
        return;
      }
    }
    try (PreparedStatement holdsAny =
            c.prepareStatement("SELECT 1 FROM coffer_entries WHERE parent = ? LIMIT 1");
        PreparedStatement dropFolder =
            c.prepareStatement("DELETE FROM coffer_entries WHERE key = ? AND value IS NULL")) {
      for (String folder = parentOf(key); !folder.isEmpty(); folder = parentOf(folder)) {
        holdsAny.setString(1, folder);
        try (ResultSet rs = holdsAny.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
        dropFolder.setString(1, folder);
        dropFolder.executeUpdate();
      }
    }
  }

  /** Children of {@code prefix} after {@code after}; {@code limit < 0} means all. */
  static List<String> children(Connection c, String prefix, String after, int limit)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CHILDREN_SQL)) {
      s.setString(1, prefix);
      s.setString(2, after == null ? "" : after);
      s.setInt(3, limit);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  /**
   * The folder holding a key or folder: {@code a/b/} for {@code a/b/c} and for {@code a/b/c/}, and
   * {@code ""} at the top.
   */
  static String parentOf(String path) {
    int end = path.endsWith("/") ? path.length() - 1 : path.length();
    return path.substring(0, path.lastIndexOf('/', end - 1) + 1);
  }

  /** The last segment, with its trailing {@code /} for a folder: {@code c}, {@code c/}. */
  static String nameOf(String path) {
    return path.substring(parentOf(path).length());
  }

  private static void requireKey(String key) {
    if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
      throw new IllegalArgumentException(
          "invalid storage key: must be non-empty, no leading or trailing '/'");
    }
  }
}
