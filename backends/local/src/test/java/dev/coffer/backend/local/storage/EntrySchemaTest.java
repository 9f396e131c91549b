package dev.coffer.backend.local.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntrySchemaTest {
  @TempDir Path dir;

  @Test
  void aVersion1FileIsMigratedAndEveryKeyAndFolderReadsAsBefore() throws Exception {
    Path file = dir.resolve("v1.db");
    writeVersion1File(file, 2_000);

    try (SqliteStorageBackend b = SqliteStorageBackend.open(file, 2, 5_000, 0)) {
      assertThat(b.get("top"))
          .hasValueSatisfying(v -> assertThat(v).asString(UTF_8).isEqualTo("t"));
      for (int i = 0; i < 2_000; i++) {
        String value = "v" + i;
        assertThat(b.get("app/f" + (i % 10) + "/k" + i))
            .hasValueSatisfying(v -> assertThat(v).asString(UTF_8).isEqualTo(value));
      }
      assertThat(b.list("")).containsExactly("app/", "top");
      assertThat(b.list("app/")).hasSize(10).startsWith("f0/");
      assertThat(b.list("app/f3/")).hasSize(200);

      b.put("app/new/key", "n".getBytes(UTF_8));
      b.delete("top");
      assertThat(b.list("")).containsExactly("app/");
      assertThat(b.list("app/")).contains("new/");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      assertThat(strings(s, "PRAGMA user_version")).containsExactly("2");
      assertThat(strings(s, "SELECT name FROM pragma_index_list('coffer_entries')"))
          .containsExactly("coffer_entries_children");
      assertThat(strings(s, "SELECT key FROM coffer_entries WHERE parent = 'app/f3/' LIMIT 1"))
          .singleElement()
          .asString()
          .startsWith("app/f3/k");
      assertThat(strings(s, "SELECT name FROM sqlite_schema WHERE name LIKE 'coffer_entries%'"))
          .containsExactlyInAnyOrder("coffer_entries", "coffer_entries_children");
    }
  }

  @Test
  void readingAKeyIsOneRangeOfTheTablesOwnBtreeNotAnIndexLookup() throws Exception {
    Path file = dir.resolve("plan.db");
    try (SqliteStorageBackend b = SqliteStorageBackend.open(file, 2, 5_000, 0);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      b.put("a/b", new byte[] {1});
      String plan =
          String.join(
              "\n", strings(s, "EXPLAIN QUERY PLAN " + EntryTable.GET_SQL.replace("?", "''"), 4));
      assertThat(plan).contains("USING INTEGER PRIMARY KEY").doesNotContain("INDEX");
    }
  }

  @Test
  void aFileWrittenByANewerVersionIsRefusedNamingStoragePath() throws Exception {
    Path file = dir.resolve("newer.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate("PRAGMA user_version = " + (EntrySchema.VERSION + 1));
    }
    assertThatThrownBy(() -> SqliteStorageBackend.open(file, 2, 5_000, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage.path")
        .hasMessageContaining("newer version");
  }

  @Test
  void openingACurrentFileAgainChangesNothing() throws Exception {
    Path file = dir.resolve("again.db");
    try (SqliteStorageBackend b = SqliteStorageBackend.open(file, 2, 5_000, 0)) {
      b.put("a/b", new byte[] {1});
    }
    List<String> rowsBefore =
        snapshot(file, "SELECT id || ' ' || key FROM coffer_entries ORDER BY id");
    List<String> schemaBefore = snapshot(file, "SELECT sql FROM sqlite_schema ORDER BY name");
    try (SqliteStorageBackend b = SqliteStorageBackend.open(file, 2, 5_000, 0)) {
      assertThat(b.get("a/b")).isPresent();
      assertThat(b.list("a/")).containsExactly("b");
    }
    assertThat(snapshot(file, "SELECT id || ' ' || key FROM coffer_entries ORDER BY id"))
        .isEqualTo(rowsBefore);
    assertThat(snapshot(file, "SELECT sql FROM sqlite_schema ORDER BY name"))
        .isEqualTo(schemaBefore);
  }

  @Test
  void aMigrationThatFailsLeavesTheVersion1FileAsItWas() throws Exception {
    Path file = dir.resolve("failing.db");
    writeVersion1File(file, 50);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE coffer_entries_new (x)"); // the migration's CREATE fails
    }
    List<String> rowsBefore = snapshot(file, "SELECT key FROM coffer_entries ORDER BY key");

    assertThatThrownBy(() -> SqliteStorageBackend.open(file, 2, 5_000, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage.path");

    assertThat(snapshot(file, "PRAGMA user_version")).containsExactly("1");
    assertThat(snapshot(file, "SELECT key FROM coffer_entries ORDER BY key"))
        .hasSize(rowsBefore.size())
        .isEqualTo(rowsBefore);
    assertThat(snapshot(file, "SELECT name FROM pragma_index_list('coffer_entries')"))
        .contains("coffer_entries_children");
  }

  @Test
  void aCurrentFileWhoseTableIsMissingGetsItBack() throws Exception {
    Path file = dir.resolve("empty-current.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate("PRAGMA user_version = " + EntrySchema.VERSION);
    }
    try (SqliteStorageBackend b = SqliteStorageBackend.open(file, 2, 5_000, 0)) {
      b.put("a/b", new byte[] {1});
      assertThat(b.get("a/b")).isPresent();
    }
  }

  private static List<String> snapshot(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      return strings(s, sql);
    }
  }

  /** The layout of versions up to 2026-12-02: a TEXT primary key on a rowid table. */
  private static void writeVersion1File(Path file, int keys) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "CREATE TABLE coffer_entries (key TEXT NOT NULL PRIMARY KEY, parent TEXT NOT NULL,"
              + " name TEXT NOT NULL, value BLOB)");
      s.executeUpdate(
          "CREATE UNIQUE INDEX coffer_entries_children ON coffer_entries(parent, name)");
      s.executeUpdate("PRAGMA user_version = 1");
      c.setAutoCommit(false);
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT OR IGNORE INTO coffer_entries(key, parent, name, value) VALUES (?, ?, ?, ?)")) {
        add(p, "top", "", "top", "t".getBytes(UTF_8));
        add(p, "app/", "", "app/", null);
        for (int i = 0; i < keys; i++) {
          String folder = "f" + (i % 10) + "/";
          add(p, "app/" + folder, "app/", folder, null);
          add(p, "app/" + folder + "k" + i, "app/" + folder, "k" + i, ("v" + i).getBytes(UTF_8));
        }
      }
      c.commit();
    }
  }

  private static void add(PreparedStatement p, String key, String parent, String name, byte[] v)
      throws SQLException {
    p.setString(1, key);
    p.setString(2, parent);
    p.setString(3, name);
    p.setBytes(4, v);
    p.executeUpdate();
  }

  private static List<String> strings(Statement s, String sql) throws SQLException {
    return strings(s, sql, 1);
  }

  private static List<String> strings(Statement s, String sql, int column) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(column));
      }
    }
    return out;
  }
}
