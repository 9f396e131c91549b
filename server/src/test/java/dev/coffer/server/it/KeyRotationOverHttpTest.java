package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sys/rotate} adds a keyring term online: old values still read, new writes use it. */
class KeyRotationOverHttpTest {
  @TempDir Path dir;

  @Test
  void oldValuesStillReadAndNewWritesUseTheNewTerm() throws SQLException {
    Path db = dir.resolve("coffer.db");
    try (CofferServer server = TestServers.sqliteWithStaticSeal(db, dir.resolve("seal.key"))) {
      VaultApi anonymous = TestServers.api(server, null);
      VaultApi root =
          anonymous.withToken(anonymous.put("sys/init", "{}").body().get("root_token").asText());
      root.post("sys/mounts/secret", "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}");
      assertThat(root.get("sys/key-status").data().get("term").asInt()).isEqualTo(1);
      assertThat(root.post("secret/data/before", "{\"data\":{\"v\":\"old\"}}").status())
          .isEqualTo(200);
      Map<String, Integer> termsBefore = termsOfEngineValues(db);
      assertThat(termsBefore).isNotEmpty().allSatisfy((k, term) -> assertThat(term).isEqualTo(1));

      Answer rotate = root.put("sys/rotate", null);
      assertThat(rotate.status()).as(rotate.raw()).isIn(200, 204);
      Answer status = root.get("sys/key-status");
      assertThat(status.data().get("term").asInt()).isEqualTo(2);
      assertThat(status.data().get("install_time").asText()).isNotEmpty();

      assertThat(root.post("secret/data/after", "{\"data\":{\"v\":\"new\"}}").status())
          .isEqualTo(200);
      Map<String, Integer> termsAfter = termsOfEngineValues(db);
      termsAfter.forEach(
          (key, term) -> {
            if (!termsBefore.containsKey(key)) {
              assertThat(term).as("new value at " + key).isEqualTo(2);
            }
          });
      assertThat(termsAfter.keySet()).hasSizeGreaterThan(termsBefore.size());

      assertThat(root.get("secret/data/before").data().get("data").get("v").asText())
          .isEqualTo("old");
      assertThat(root.get("secret/data/after").data().get("data").get("v").asText())
          .isEqualTo("new");
    }
    try (CofferServer restarted = TestServers.sqliteWithStaticSeal(db, dir.resolve("seal.key"))) {
      assertThat(restarted.core().sealed()).isFalse();
    }
  }

  /** The keyring term in the header of every value stored under an engine's prefix. */
  private static Map<String, Integer> termsOfEngineValues(Path db) throws SQLException {
    Map<String, Integer> terms = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT key, value FROM coffer_entries"
                    + " WHERE key LIKE 'logical/%' AND value IS NOT NULL")) {
      while (rs.next()) {
        byte[] v = rs.getBytes(2);
        terms.put(rs.getString(1), ByteBuffer.wrap(v, 1, 4).getInt());
      }
    }
    return terms;
  }
}
