package dev.coffer.backend.local.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table the SQLite backend keeps, and every statement on it, bound to one connection.
 *
 * <pre>
 * coffer_entries(id INTEGER PRIMARY KEY, parent TEXT, name TEXT, value BLOB,
 *                key TEXT GENERATED ALWAYS AS (parent || name) VIRTUAL)
 * unique index coffer_entries_children ON (parent, name)
 * </pre>
 *
 * <p>A stored key {@code a/b/c} is a row with {@code parent = "a/b/"}, {@code name = "c"} and its
 * value, at an id derived from the key ({@link KeyIds}): reading a key is one lookup in the table's
 * own B-tree, and the only index is the one used for listing. Each folder that holds at least one
 * key is a row too, with {@code value NULL} and the key ending in {@code /}: {@code a/b/} is {@code
 * (parent "a/", name "b/")} and {@code a/} is {@code (parent "", name "a/")}. Listing a folder is
 * then one indexed range query, {@code WHERE parent = ? AND name > ? ORDER BY name LIMIT ?},
 * whatever the size of the tree below it. A put adds missing folder rows; a delete removes folder
 * rows that became empty. Stored keys never end in {@code /}, so the two kinds of rows cannot
 * collide. The virtual {@code key} column takes no space; it is there for people reading the file
 * with the {@code sqlite3} shell.
 *
 * <p>Statements find a key's row by its id range plus {@code +parent = ? AND +name = ?} (the {@code
 * +} keeps SQLite from using the index instead of the range). {@link EntrySchema} creates the table
 * and migrates files written by earlier versions.
 *
 * <p>Each statement is compiled once per connection and reused (SQLite compiles SQL on {@code
 * prepareStatement}, which cost more than running a primary-key lookup). An instance is used by one
 * thread at a time, like its connection. When {@link #recordChanges recording}, every put and
 * delete of a key is noted so that the writer can pass committed changes on to the read cache.
 */
final class EntryTable implements AutoCloseable {
  /** One page of a folder's children: an index range scan on {@code (parent, name)}. */
  static final String CHILDREN_SQL =
      "SELECT name FROM coffer_entries WHERE parent = ? AND name > ? ORDER BY name LIMIT ?";

  /** Matches one key's row: bound to its id range, parent and name ({@link #bindRow}). */
  private static final String ROW = " WHERE id BETWEEN ? AND ? AND +parent = ? AND +name = ?";

  /** Reads one key's value: a range of at most {@link KeyIds#SLOTS} ids in the table's B-tree. */
  static final String GET_SQL = "SELECT value FROM coffer_entries" + ROW;

  private static final String UPDATE_SQL = "UPDATE coffer_entries SET value = ?" + ROW;
  private static final String INSERT_SQL =
      "INSERT INTO coffer_entries(id, parent, name, value) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT(id) DO NOTHING";
  private static final String IDS_IN_RANGE_SQL =
      "SELECT id FROM coffer_entries WHERE id BETWEEN ? AND ? ORDER BY id";
  private static final String EXISTS_SQL = "SELECT 1 FROM coffer_entries" + ROW;
  private static final String DELETE_SQL = "DELETE FROM coffer_entries" + ROW;
  private static final String HOLDS_ANY_SQL =
      "SELECT 1 FROM coffer_entries WHERE parent = ? LIMIT 1";
  private static final String DROP_FOLDER_SQL = DELETE_SQL + " AND value IS NULL";

  /** A put ({@code value} set) or delete ({@code value == null}) of one key. */
  record Change(String key, byte[] value) {}

  private final Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private List<Change> changes;

  EntryTable(Connection connection) {
    this.connection = connection;
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
    try (ResultSet rs = bindRow(statement(GET_SQL), 1, key).executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      byte[] v = rs.getBytes(1);
      return Optional.of(v == null ? new byte[0] : v);
    }
  }

  void put(String key, byte[] value) throws SQLException {
    requireKey(key);
    PreparedStatement update = statement(UPDATE_SQL);
    update.setBytes(1, value);
    if (bindRow(update, 2, key).executeUpdate() == 0) {
      insert(key, value);
      // Deepest folder first; once one exists, every folder above it exists too.
      for (String folder = parentOf(key); !folder.isEmpty(); folder = parentOf(folder)) {
        if (exists(folder)) {
          break;
        }
        insert(folder, null);
      }
    }
    note(key, value);
  }

  void delete(String key) throws SQLException {
    requireKey(key);
    note(key, null);
    if (bindRow(statement(DELETE_SQL), 1, key).executeUpdate() == 0) {
      return;
    }
    PreparedStatement holdsAny = statement(HOLDS_ANY_SQL);
    for (String folder = parentOf(key); !folder.isEmpty(); folder = parentOf(folder)) {
      holdsAny.setString(1, folder);
      try (ResultSet rs = holdsAny.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      bindRow(statement(DROP_FOLDER_SQL), 1, folder).executeUpdate();
    }
  }

  /** Children of {@code prefix} after {@code after}; {@code limit < 0} means all. */
  List<String> children(String prefix, String after, int limit) throws SQLException {
    PreparedStatement children = statement(CHILDREN_SQL);
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

  /**
   * Runs {@code sql} (no parameters) on this connection, compiled once: the writer's few control
   * statements ({@code BEGIN IMMEDIATE}, {@code SAVEPOINT w}, {@code COMMIT}, ...).
   */
  void execute(String sql) throws SQLException {
    statement(sql).execute();
  }

  /** Closes the statements and the connection. */
  @Override
  public void close() {
    for (PreparedStatement s : prepared.values()) {
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

  /**
   * Inserts a key (or, with {@code value null}, a folder) known to be absent, at the first free id
   * of its range.
   */
  private void insert(String key, byte[] value) throws SQLException {
    long first = KeyIds.first(key);
    if (insertAt(first, key, value) == 0) {
      // The range's first id belongs to another key whose hash agrees on 60 bits.
      long id = freeId(first);
      if (insertAt(id, key, value) == 0) {
        throw new SQLException("a storage row could not be inserted at a free id");
      }
    }
  }

  private boolean exists(String key) throws SQLException {
    try (ResultSet rs = bindRow(statement(EXISTS_SQL), 1, key).executeQuery()) {
      return rs.next();
    }
  }

  private int insertAt(long id, String key, byte[] value) throws SQLException {
    PreparedStatement insert = statement(INSERT_SQL);
    insert.setLong(1, id);
    insert.setString(2, parentOf(key));
    insert.setString(3, nameOf(key));
    insert.setBytes(4, value);
    return insert.executeUpdate();
  }

  private long freeId(long first) throws SQLException {
    return KeyIds.firstFree(statement(IDS_IN_RANGE_SQL), first);
  }

  /** Binds a key's id range, parent and name to the four parameters from {@code index} on. */
  private static PreparedStatement bindRow(PreparedStatement s, int index, String key)
      throws SQLException {
    long first = KeyIds.first(key);
    s.setLong(index, first);
    s.setLong(index + 1, KeyIds.last(first));
    s.setString(index + 2, parentOf(key));
    s.setString(index + 3, nameOf(key));
    return s;
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement s = prepared.get(sql);
    if (s == null) {
      s = connection.prepareStatement(sql);
      prepared.put(sql, s);
    }
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
