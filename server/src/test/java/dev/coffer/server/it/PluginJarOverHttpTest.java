package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.config.CofferConfig;
import dev.coffer.server.CofferServer;
import dev.coffer.server.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin ({@code examples/plugin-env-file}), built by the reactor and copied by the
 * build into {@code target/test-plugins/} (it is not on this module's class path), loaded from a
 * plugin folder by a real server. That the plugin cannot see the server's libraries is checked on
 * the same jar in {@code PluginLoaderTest}.
 */
class PluginJarOverHttpTest {
  static final Path ENV_FILE_JAR = Path.of("target/test-plugins/coffer-plugin-env-file.jar");

  @TempDir Path plugins;
  @TempDir Path envFolder;

  @BeforeEach
  void theBuildCopiedTheExampleJar() {
    assertThat(ENV_FILE_JAR)
        .as("built by examples/plugin-env-file, copied by maven-dependency-plugin")
        .isRegularFile();
  }

  @Test
  void theExamplePluginJarLoadsAndItsMountWorksOverHttp() throws Exception {
    Path jar = Files.copy(ENV_FILE_JAR, plugins.resolve("coffer-plugin-env-file.jar"));
    Files.writeString(envFolder.resolve("app.env"), "DB_USER=app\nDB_PASSWORD=s3cret\n");

    try (CofferServer server = startWithPlugins()) {
      VaultApi root = TestServers.api(server, server.core().initialize(1, 1).rootToken());
      String mount =
          VaultApi.JSON.writeValueAsString(
              Map.of("type", "env-file", "options", Map.of("directory", envFolder.toString())));
      assertThat(root.post("sys/mounts/env", mount).status()).isEqualTo(204);

      VaultApi.Answer read = root.get("env/app.env");
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.data().get("DB_USER").asText()).isEqualTo("app");
      assertThat(read.data().get("DB_PASSWORD").asText()).isEqualTo("s3cret");
      assertThat(root.list("env/").data().get("keys").toString()).isEqualTo("[\"app.env\"]");

      VaultApi.Answer write = root.put("env/app.env", "{\"DB_USER\":\"mallory\"}");
      assertThat(write.status()).isEqualTo(405);
      assertThat(write.errors()).contains("secrets of an env-file mount are edited on the host");
      assertThat(root.get("env/missing.env").status()).isEqualTo(404);

      JsonNode envFile = plugin(root.get("sys/plugins"), "env-file");
      assertThat(envFile.get("source").asText()).isEqualTo(jar.toAbsolutePath().toString());
      assertThat(envFile.get("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
      assertThat(envFile.get("spi_version").asInt()).isEqualTo(1);
      assertThat(envFile.get("types").get("secret").toString()).isEqualTo("[\"env-file\"]");
      assertThat(plugin(root.get("sys/plugins"), "local").get("source").asText())
          .isEqualTo("builtin");
    }
  }

  @Test
  void aSecondCopyOfTheSameJarStopsStartUpNamingBothJars() throws Exception {
    Path first = Files.copy(ENV_FILE_JAR, plugins.resolve("env-file-1.0.jar"));
    Path second = Files.copy(ENV_FILE_JAR, plugins.resolve("env-file-copy.jar"));

    assertThatThrownBy(this::startWithPlugins)
        .isInstanceOf(StartupException.class)
        .hasMessage(
            "cannot load plugins: plugins 'env-file' (from "
                + first.toAbsolutePath()
                + ") and 'env-file' (from "
                + second.toAbsolutePath()
                + ") both provide the secrets engine type 'env-file'");
  }

  private CofferServer startWithPlugins() {
    return CofferServer.start(
        CofferConfig.builder()
            .listenerAddress("127.0.0.1:0")
            .storage("inmem", Map.of())
            .seal("static", Map.of("key", HexFormat.of().formatHex(new byte[32])))
            .set("plugin_directory", plugins.toString())
            .build());
  }

  private static JsonNode plugin(VaultApi.Answer answer, String name) {
    assertThat(answer.status()).isEqualTo(200);
    for (JsonNode p : answer.data().get("plugins")) {
      if (p.get("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no plugin " + name + " in " + answer.raw());
  }
}
