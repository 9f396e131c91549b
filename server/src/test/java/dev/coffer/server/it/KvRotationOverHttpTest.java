package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST <mount>/rotate/:path} and the rotation options of KV mounts, over real HTTP. */
class KvRotationOverHttpTest {
  private static CofferServer server;
  private static VaultApi api;

  @BeforeAll
  static void start() {
    server = TestServers.dev();
    api = TestServers.api(server, TestServers.ROOT);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void rotateWritesANewVersionAndAnswersItsMetadataButNeverTheValue() {
    api.post("secret/data/rot-app", "{\"data\":{\"user\":\"app\",\"password\":\"old-secret\"}}");
    api.post(
        "secret/metadata/rot-app", "{\"custom_metadata\":{\"rotate_generator\":\"password\"}}");

    Answer rotated = api.post("secret/rotate/rot-app", "{}");

    assertThat(rotated.status()).as(rotated.raw()).isEqualTo(200);
    assertThat(rotated.data().get("version").asLong()).isEqualTo(2);
    Answer read = api.get("secret/data/rot-app");
    String fresh = read.data().get("data").get("password").asText();
    assertThat(fresh).hasSize(20).isNotEqualTo("old-secret");
    assertThat(rotated.raw()).doesNotContain(fresh);
    assertThat(read.data().get("data").get("user").asText()).isEqualTo("app");
    assertThat(api.get("secret/metadata/rot-app").data().get("last_rotated").asText()).isNotEmpty();
  }

  @Test
  void aSecretWithoutRotatorAnswers400AndAMissingOne404() {
    api.post("secret/data/rot-plain", "{\"data\":{\"k\":\"v\"}}");

    Answer plain = api.post("secret/rotate/rot-plain", "{}");
    assertThat(plain.status()).isEqualTo(400);
    assertThat(plain.errors()).contains("has no rotator");
    assertThat(api.post("secret/rotate/rot-missing", "{}").status()).isEqualTo(404);
  }

  @Test
  void rotateCommandsAreRefusedUntilTheMountAllowsThem() throws Exception {
    api.post("sys/mounts/rot-cmd", "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}");
    api.post("rot-cmd/data/gh", "{\"data\":{\"value\":\"old\"}}");
    Path script = Files.createDirectories(Path.of("target", "rotate-scripts")).resolve("it.sh");
    Files.writeString(script, "#!/bin/sh\necho fresh-token\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    String metadata =
        "{\"custom_metadata\":{\"rotate_command\":\"/bin/sh " + script.toAbsolutePath() + "\"}}";

    Answer refused = api.post("rot-cmd/metadata/gh", metadata);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errors()).contains("allow_rotate_commands");

    assertThat(
            api.post(
                    "sys/mounts/rot-cmd/tune", "{\"options\":{\"allow_rotate_commands\":\"true\"}}")
                .status())
        .isEqualTo(204);
    assertThat(api.post("rot-cmd/metadata/gh", metadata).status()).isEqualTo(204);
    assertThat(api.post("rot-cmd/rotate/gh", "{}").status()).isEqualTo(200);

    assertThat(api.get("rot-cmd/data/gh").data().get("data").get("value").asText())
        .isEqualTo("fresh-token");
  }

  @Test
  void rotatingNeedsUpdateOnTheRotatePathNotJustReadOnTheSecret() {
    api.post("secret/data/rot-acl", "{\"data\":{\"password\":\"p\"}}");
    api.post(
        "secret/metadata/rot-acl", "{\"custom_metadata\":{\"rotate_generator\":\"password\"}}");
    api.put(
        "sys/policies/acl/rot-reader",
        "{\"policy\":\"path \\\"secret/data/rot-acl\\\" { capabilities = [\\\"read\\\"] }\"}");
    Answer token = api.post("auth/token/create", "{\"policies\":[\"rot-reader\"]}");
    VaultApi reader = api.withToken(token.body().get("auth").get("client_token").asText());

    assertThat(reader.get("secret/data/rot-acl").status()).isEqualTo(200);
    assertThat(reader.post("secret/rotate/rot-acl", "{}").status()).isEqualTo(403);
  }
}
