package dev.coffer.backend.local.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows at ids derived from their keys: what happens when another key already holds a key's first
 * id. Real collisions of 60 bits of SHA-256 cannot be produced in a test, so other rows are put at
 * those ids directly, as a colliding key would have been.
 */
class EntryTableTest {
  @TempDir Path dir;

  private SqliteStorageBackend open(Path file) {
    return SqliteStorageBackend.open(file, 2, 5_000, 0);
  }

  @Test
  void aKeyWhoseFirstIdIsTakenIsStoredReadUpdatedListedAndDeletedAtTheNextFreeId()
      throws Exception {
    Path file = dir.resolve("c.db");
    try (SqliteStorageBackend b = open(file);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      long first = KeyIds.first("app/db");
      squat(c, first, "other/", "x");

      b.put("app/db", new byte[] {1});
      assertThat(idOf(c, "app/", "db")).isEqualTo(first + 1);
      assertThat(b.get("app/db")).hasValueSatisfying(v -> assertThat(v).containsExactly(1));
      assertThat(b.list("app/")).containsExactly("db");

      b.put("app/db", new byte[] {2});
      assertThat(b.get("app/db")).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
      assertThat(count(c)).isEqualTo(3); // the other key, the folder app/ and app/db

      // The first id frees up: the key is still found where it is, not stored twice.
      delete(c, first);
      b.put("app/db", new byte[] {3});
      assertThat(idOf(c, "app/", "db")).isEqualTo(first + 1);
      assertThat(b.get("app/db")).hasValueSatisfying(v -> assertThat(v).containsExactly(3));

      b.delete("app/db");
      assertThat(b.get("app/db")).isEmpty();
      assertThat(b.list("")).doesNotContain("app/");
    }
  }

  @Test
  void aFolderWhoseFirstIdIsTakenIsStillCreatedOnceAndDroppedWhenEmpty() throws Exception {
    Path file = dir.resolve("f.db");
    try (SqliteStorageBackend b = open(file);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      squat(c, KeyIds.first("team/"), "other/", "y");

      b.put("team/a", new byte[] {1});
      b.put("team/b", new byte[] {2});
      assertThat(idOf(c, "", "team/")).isEqualTo(KeyIds.first("team/") + 1);
      assertThat(b.list("")).contains("team/");

      b.delete("team/a");
      b.delete("team/b");
      assertThat(b.list("")).doesNotContain("team/");
      assertThat(idOf(c, "", "team/")).isNull();
    }
  }

  @Test
  void aKeyWhoseWholeRangeIsTakenIsRefusedWithAStorageErrorNamingNoKey() throws Exception {
    Path file = dir.resolve("full.db");
    try (SqliteStorageBackend b = open(file);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      b.put("vault/k0", new byte[] {0}); // folder row "vault/" exists before the squatters
      long first = KeyIds.first("vault/secret-key");
      for (int i = 0; i < KeyIds.SLOTS; i++) {
        squat(c, first + i, "other/", "z" + i);
      }
      assertThatThrownBy(() -> b.put("vault/secret-key", new byte[] {1}))
          .isInstanceOf(CofferException.class)
          .hasMessageContaining("storage error: write failed")
          .hasMessageNotContaining("secret-key");
      assertThat(b.get("vault/secret-key")).isEmpty();
      assertThat(b.get("vault/k0")).isPresent();
    }
  }

  private static void squat(Connection c, long id, String parent, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO coffer_entries(id, parent, name, value) VALUES (?, ?, ?, x'00')")) {
      s.setLong(1, id);
      s.setString(2, parent);
      s.setString(3, name);
      s.executeUpdate();
    }
  }

  private static void delete(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM coffer_entries WHERE id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  private static Long idOf(Connection c, String parent, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT id FROM coffer_entries WHERE parent = ? AND name = ?")) {
      s.setString(1, parent);
      s.setString(2, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM coffer_entries")) {
      return rs.getLong(1);
    }
  }
}
