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
 * The one table the SQLite backend keeps, and every statement on it, bound to one connection.
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
 *
 * <p>Each statement is compiled once per connection and reused (SQLite compiles SQL on {@code
 * prepareStatement}, which cost more than running a primary-key lookup). An instance is used by one
 * thread at a time, like its connection. When {@link #recordChanges recording}, every put and
 * delete of a key is noted so that the writer can pass committed changes on to the read cache.
 */
final class EntryTable implements AutoCloseable {
  /** Written to {@code PRAGMA user_version} so later versions can migrate. */
  static final int SCHEMA_VERSION = 1;

  /** One page of a folder's children: an index range scan on {@code (parent, name)}. */
  static final String CHILDREN_SQL =
      "SELECT name FROM coffer_entries WHERE parent = ? AND name > ? ORDER BY name LIMIT ?";

  private static final String GET_SQL = "SELECT value FROM coffer_entries WHERE key = ?";
  private static final String PUT_SQL =
      "INSERT INTO coffer_entries(key, parent, name, value) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT(key) DO UPDATE SET value = excluded.value";
  private static final String ADD_FOLDER_SQL =
      "INSERT OR IGNORE INTO coffer_entries(key, parent, name, value) VALUES (?, ?, ?, NULL)";
  private static final String DELETE_SQL = "DELETE FROM coffer_entries WHERE key = ?";
  private static final String HOLDS_ANY_SQL =
      "SELECT 1 FROM coffer_entries WHERE parent = ? LIMIT 1";
  private static final String DROP_FOLDER_SQL =
      "DELETE FROM coffer_entries WHERE key = ? AND value IS NULL";

  /** A put ({@code value} set) or delete ({@code value == null}) of one key. */
  record Change(String key, byte[] value) {}

  private final Connection connection;
  private final List<PreparedStatement> prepared = new ArrayList<>();
  private PreparedStatement get;
  private PreparedStatement put;
  private PreparedStatement addFolder;
  private PreparedStatement delete;
  private PreparedStatement holdsAny;
  private PreparedStatement dropFolder;
  private PreparedStatement children;
  private List<Change> changes;

  EntryTable(Connection connection) {
    this.connection = connection;
  }

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

  /** The connection this table's statements run on. */
  Connection connection() {
    return connection;
  }

  /** From now on, note every put and delete until {@link #takeChanges}. */
  void recordChanges() {
    changes = new ArrayList<>();
  }

  /** The changes noted since {@link #recordChanges}, and stops noting. */
  List<Change> takeChanges() {
    List<Change> taken = changes == null ? List.of() : changes;
    changes = null;
    return taken;
  }

  Optional<byte[]> get(String key) throws SQLException {
    requireKey(key);
    get = prepare(get, GET_SQL);
    get.setString(1, key);
    try (ResultSet rs = get.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      byte[] v = rs.getBytes(1);
      return Optional.of(v == null ? new byte[0] : v);
    }
  }

  void put(String key, byte[] value) throws SQLException {
    requireKey(key);
    put = prepare(put, PUT_SQL);
    put.setString(1, key);
    put.setString(2, parentOf(key));
    put.setString(3, nameOf(key));
    put.setBytes(4, value);
    put.executeUpdate();
    addFolder = prepare(addFolder, ADD_FOLDER_SQL);
    // Deepest folder first; once one exists, every folder above it exists too.
    for (String folder = parentOf(key); !folder.isEmpty(); folder = parentOf(folder)) {
      addFolder.setString(1, folder);
      addFolder.setString(2, parentOf(folder));
      addFolder.setString(3, nameOf(folder));
      if (addFolder.executeUpdate() == 0) {
        break;
      }
    }
    note(key, value);
  }

  void delete(String key) throws SQLException {
    requireKey(key);
    delete = prepare(delete, DELETE_SQL);
    delete.setString(1, key);
    note(key, null);
    if (delete.executeUpdate() == 0) {
      return;
    }
    holdsAny = prepare(holdsAny, HOLDS_ANY_SQL);
    dropFolder = prepare(dropFolder, DROP_FOLDER_SQL);
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

  /** Children of {@code prefix} after {@code after}; {@code limit < 0} means all. */
  List<String> children(String prefix, String after, int limit) throws SQLException {
    children = prepare(children, CHILDREN_SQL);
    children.setString(1, prefix);
    children.setString(2, after == null ? "" : after);
    children.setInt(3, limit);
    List<String> out = new ArrayList<>();
    try (ResultSet rs = children.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Closes the statements and the connection. */
  @Override
  public void close() {
    for (PreparedStatement s : prepared) {
      try {
        s.close();
      } catch (SQLException ignored) {
        // Closing the connection below releases it anyway.
      }
    }
    prepared.clear();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Nothing more to release.
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

  private PreparedStatement prepare(PreparedStatement cached, String sql) throws SQLException {
    if (cached != null) {
      return cached;
    }
    PreparedStatement s = connection.prepareStatement(sql);
    prepared.add(s);
    return s;
  }

  private void note(String key, byte[] value) {
    if (changes != null) {
      changes.add(new Change(key, value == null ? null : value.clone()));
    }
  }

  private static void requireKey(String key) {
    if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
      throw new IllegalArgumentException(
          "invalid storage key: must be non-empty, no leading or trailing '/'");
    }
  }
}
