package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.server.CofferServer;
import dev.coffer.server.StartupException;
import dev.coffer.server.it.VaultApi.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file-backed SQLite store with a static seal survives a restart and holds no plaintext. */
class RestartWithSqliteAndStaticSealTest {
  private static final String PLAINTEXT = "plaintext-marker-6f1c9e";

  @TempDir Path dir;

  @Test
  void dataSurvivesARestartAndTheFilesHoldNoPlaintext() throws IOException {
    Path db = dir.resolve("coffer.db");
    Path key = dir.resolve("seal.key");
    String rootToken;
    try (CofferServer server = TestServers.sqliteWithStaticSeal(db, key)) {
      VaultApi anonymous = TestServers.api(server, null);
      Answer init = anonymous.put("sys/init", "{}");
      assertThat(init.status()).as(init.raw()).isEqualTo(200);
      rootToken = init.body().get("root_token").asText();
      assertThat(anonymous.get("sys/seal-status").body().get("sealed").asBoolean())
          .as("a static seal unseals right after init")
          .isFalse();
      VaultApi root = anonymous.withToken(rootToken);
      root.post("sys/mounts/secret", "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}");
      Answer w = root.post("secret/data/app", "{\"data\":{\"pw\":\"" + PLAINTEXT + "\"}}");
      assertThat(w.status()).as(w.raw()).isEqualTo(200);
    }

    assertThat(Files.getPosixFilePermissions(key))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(filesContain(PLAINTEXT)).as("plaintext on disk").isFalse();
    assertThat(filesContain(rootToken)).as("root token on disk").isFalse();

    try (CofferServer server = TestServers.sqliteWithStaticSeal(db, key)) {
      VaultApi root = TestServers.api(server, rootToken);
      assertThat(root.get("sys/seal-status").body().get("sealed").asBoolean()).isFalse();
      Answer read = root.get("secret/data/app");
      assertThat(read.status()).as(read.raw()).isEqualTo(200);
      assertThat(read.data().get("data").get("pw").asText()).isEqualTo(PLAINTEXT);
    }
  }

  private boolean filesContain(String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (indexOf(Files.readAllBytes(f), needle) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void aWrongStaticSealKeyStopsStartUpWithAClearMessageAndLosesNothing() throws IOException {
    Path db = dir.resolve("coffer.db");
    Path key = dir.resolve("seal.key");
    try (CofferServer server = TestServers.sqliteWithStaticSeal(db, key)) {
      TestServers.api(server, null).put("sys/init", "{}");
    }
    Path otherKey = dir.resolve("other.key");
    String wrong = "ab".repeat(32);
    Files.writeString(otherKey, wrong);
    Files.setPosixFilePermissions(
        otherKey, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    assertThatThrownBy(() -> TestServers.sqliteWithStaticSeal(db, otherKey))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("static seal key does not match")
        .hasMessageNotContaining(wrong);
    try (CofferServer server = TestServers.sqliteWithStaticSeal(db, key)) {
      assertThat(server.core().sealed()).isFalse();
    }
  }

  @Test
  void theKeyFileIsNotReplacedOnASecondStart() throws IOException {
    Path db = dir.resolve("coffer.db");
    Path key = dir.resolve("seal.key");
    try (CofferServer server = TestServers.sqliteWithStaticSeal(db, key)) {
      TestServers.api(server, null).put("sys/init", "{}");
    }
    String first = Files.readString(key);
    try (CofferServer server = TestServers.sqliteWithStaticSeal(db, key)) {
      assertThat(Files.readString(key)).isEqualTo(first);
    }
    assertThat(Set.of(first.trim().length())).containsAnyOf(64, 44);
  }
}
