package dev.coffer.backend.local.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.backend.local.LocalPlugin;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Plugin;
import dev.coffer.spi.StorageBackend;
import dev.coffer.spi.StorageBackendFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStorageBackendTest {
  @TempDir Path dir;

  private StorageBackend open(Path file) {
    return new SqliteStorageBackendFactory().create(Map.of("path", file.toString()));
  }

  @Test
  void dataSurvivesClosingAndReopeningTheFile() {
    Path file = dir.resolve("nested/folders/coffer.db");
    try (StorageBackend b = open(file)) {
      b.put("core/mounts", "table".getBytes(UTF_8));
      b.put("logical/x/y", new byte[] {0, 1, 2});
    }
    assertThat(Files.exists(file)).isTrue();
    try (StorageBackend b = open(file)) {
      assertThat(b.get("core/mounts"))
          .hasValueSatisfying(v -> assertThat(v).asString(UTF_8).isEqualTo("table"));
      assertThat(b.list("logical/")).containsExactly("x/");
      assertThat(b.get("logical/x/y"))
          .hasValueSatisfying(v -> assertThat(v).containsExactly(0, 1, 2));
    }
  }

  @Test
  void theDatabaseIsInWalModeWithTheSchemaVersionSet() throws Exception {
    Path file = dir.resolve("coffer.db");
    try (StorageBackend b = open(file)) {
      b.put("k", new byte[] {1});
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = c.createStatement()) {
        assertThat(single(s, "PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(single(s, "PRAGMA user_version")).isEqualTo("2");
      }
    }
  }

  @Test
  void pooledConnectionsRunWithFullSyncBusyTimeoutAndForeignKeys() {
    try (SqliteStorageBackend b =
        (SqliteStorageBackend)
            new SqliteStorageBackendFactory()
                .create(
                    Map.of("path", dir.resolve("p.db").toString(), "busy_timeout_ms", "1234"))) {
      assertThat(b.pragma("journal_mode")).isEqualTo("wal");
      assertThat(b.pragma("synchronous")).isEqualTo("2");
      assertThat(b.pragma("busy_timeout")).isEqualTo("1234");
      assertThat(b.pragma("foreign_keys")).isEqualTo("1");
      assertThat(b.pragma("cache_size")).isEqualTo("-8192");
    }
  }

  @Test
  void listingAFolderIsAnIndexRangeScanNotATableScan() throws Exception {
    Path file = dir.resolve("plan.db");
    try (StorageBackend b = open(file);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      b.put("a/b", new byte[] {1});
      String plan =
          single(s, "EXPLAIN QUERY PLAN " + EntryTable.CHILDREN_SQL.replace("?", "''"), 4);
      assertThat(plan)
          .contains("USING COVERING INDEX coffer_entries_children")
          .doesNotContain("SCAN");
    }
  }

  @Test
  void aMissingPathIsRejectedNamingStoragePath() {
    assertThatThrownBy(() -> new SqliteStorageBackendFactory().create(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage.path");
  }

  @Test
  void aNonNumericMaxConnectionsIsRejectedNamingTheKey() {
    assertThatThrownBy(
            () ->
                new SqliteStorageBackendFactory()
                    .create(
                        Map.of("path", dir.resolve("x.db").toString(), "max_connections", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage.max_connections");
  }

  @Test
  void aZeroMaxConnectionsOrNegativeBusyTimeoutIsRejectedNamingTheKey() {
    String path = dir.resolve("x.db").toString();
    assertThatThrownBy(
            () ->
                new SqliteStorageBackendFactory()
                    .create(Map.of("path", path, "max_connections", "0")))
        .hasMessageContaining("storage.max_connections");
    assertThatThrownBy(
            () ->
                new SqliteStorageBackendFactory()
                    .create(Map.of("path", path, "busy_timeout_ms", "-1")))
        .hasMessageContaining("storage.busy_timeout_ms");
  }

  @Test
  void anUnknownKeyIsRejectedNamingIt() {
    assertThatThrownBy(
            () ->
                new SqliteStorageBackendFactory()
                    .create(Map.of("path", dir.resolve("x.db").toString(), "pth", "typo")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage.pth");
  }

  @Test
  void aPathThatIsAFolderIsRejectedNamingStoragePath() {
    assertThatThrownBy(
            () -> new SqliteStorageBackendFactory().create(Map.of("path", dir.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage.path");
  }

  @Test
  void optionsAreAccepted() {
    try (StorageBackend b =
        new SqliteStorageBackendFactory()
            .create(
                Map.of(
                    "path",
                    dir.resolve("o.db").toString(),
                    "max_connections",
                    "2",
                    "busy_timeout_ms",
                    "500"))) {
      b.put("a", new byte[] {1});
      assertThat(b.get("a")).isPresent();
    }
  }

  @Test
  void usingTheBackendAfterCloseIsAStorageErrorWithoutDetails() {
    StorageBackend b = open(dir.resolve("c.db"));
    b.put("secret/key", "value".getBytes(UTF_8));
    b.close();
    assertThatThrownBy(() -> b.get("secret/key"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageStartingWith("storage error: read failed")
        .hasMessageNotContaining("secret/key");
  }

  @Test
  void aTransactionViewCannotBeUsedAfterItsTransactionEnded() {
    try (StorageBackend b = open(dir.resolve("t.db"))) {
      StorageBackend leaked = b.transaction(tx -> tx);
      assertThatThrownBy(() -> leaked.get("x")).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void theLocalPluginIsFoundByServiceLoaderAndOffersSqliteAndInmem() {
    Plugin local =
        ServiceLoader.load(Plugin.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p instanceof LocalPlugin)
            .findFirst()
            .orElseThrow();
    assertThat(local.storageBackends())
        .extracting(StorageBackendFactory::type)
        .containsExactly("sqlite", "inmem");
    assertThat(local.secretsEngines()).extracting(f -> f.type()).containsExactly("kv");
  }

  private static String single(Statement s, String sql) throws Exception {
    return single(s, sql, 1);
  }

  private static String single(Statement s, String sql, int column) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(column);
    }
  }
}
