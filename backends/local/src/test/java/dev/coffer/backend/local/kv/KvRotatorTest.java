package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KvRotatorTest extends KvRotationTestBase {
  private static final Map<String, String> COMMANDS = Map.of("allow_rotate_commands", "true");

  @Test
  void theGeneratorWritesAPasswordByTheNamedPolicyAndKeepsOtherFields() {
    mountV2(Map.of());
    put("db", Map.of("user", "app", "password", "old", "host", "db.local"));
    customMetadata("db", Map.of("rotate_generator", "password", "password_policy", "digits"));

    Map<String, Object> answer = kv.write("rotate/db", Map.of()).data();

    assertThat(answer).containsEntry("version", 2L).doesNotContainKey("data");
    assertThat(dataOf("db"))
        .containsEntry("user", "app")
        .containsEntry("host", "db.local")
        .hasEntrySatisfying("password", p -> assertThat(p.toString()).matches("[0-9]{8}"));
  }

  @Test
  void theGeneratorWritesIntoRotateKey() {
    mountV2(Map.of("rotate_generator", "password", "password_policy", "x", "rotate_key", "pin"));
    put("card", Map.of("pin", "1234", "owner", "me"));

    kv.write("rotate/card", Map.of());

    assertThat(dataOf("card")).containsEntry("pin", "xxxx").containsEntry("owner", "me");
    assertThat(metadata("card")).containsKey("last_rotated");
  }

  @Test
  void anUnknownPasswordPolicyIsA400NamingIt() {
    mountV2(Map.of("rotate_generator", "password", "password_policy", "nope"));
    put("db", Map.of("password", "old"));

    assertThatThrownBy(() -> kv.write("rotate/db", Map.of()))
        .hasMessage("password policy \"nope\" not found");
    assertThat(dataOf("db")).containsEntry("password", "old");
  }

  @Test
  void rotatingASecretWithoutRotatorIsA400() {
    mountV2(Map.of());
    put("plain", Map.of("k", "v"));

    CofferException e =
        catchThrowableOfType(CofferException.class, () -> kv.write("rotate/plain", Map.of()));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("has no rotator");
  }

  @Test
  void rotatingAMissingSecretIs404() {
    mountV2(Map.of("rotate_generator", "password"));

    CofferException e =
        catchThrowableOfType(CofferException.class, () -> kv.write("rotate/none", Map.of()));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aCommandsTrimmedOutputBecomesTheValueOfRotateKey() {
    mountV2(COMMANDS);
    put("gh", Map.of("value", "old-token", "user", "ci"));
    customMetadata("gh", Map.of("rotate_command", script("print", "echo '  new-token  '")));

    kv.write("rotate/gh", Map.of());

    assertThat(dataOf("gh")).containsEntry("value", "new-token").containsEntry("user", "ci");
  }

  @Test
  void aCommandPrintingAJsonObjectReplacesTheData() {
    mountV2(COMMANDS);
    put("pair", Map.of("id", "old", "secret", "old", "stale", "x"));
    customMetadata(
        "pair",
        Map.of("rotate_command", script("json", "echo '{\"id\":\"k2\",\"secret\":\"s2\"}'")));

    kv.write("rotate/pair", Map.of());

    assertThat(dataOf("pair")).containsOnly(Map.entry("id", "k2"), Map.entry("secret", "s2"));
  }

  @Test
  void aFailingCommandIsNamedByItsExitStatusOnlyAndChangesNothing() {
    mountV2(COMMANDS);
    put("gh", Map.of("value", "old"));
    customMetadata(
        "gh",
        Map.of(
            "rotate_command",
            script("fail", "echo leaked-stdout-value\necho leaked-stderr-value >&2\nexit 3")));

    CofferException e =
        catchThrowableOfType(CofferException.class, () -> kv.write("rotate/gh", Map.of()));

    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_FAILURE);
    assertThat(e.getMessage()).isEqualTo("rotate command exited with status 3");
    assertThat(e).hasNoCause();
    assertThat(dataOf("gh")).containsEntry("value", "old");
  }

  @Test
  void aCommandThatOutlivesItsTimeoutIsKilled() throws Exception {
    mountV2(COMMANDS);
    put("slow", Map.of("value", "old"));
    Path pidFile = Path.of("target", "rotate-scripts", "slow.pid").toAbsolutePath();
    Files.deleteIfExists(pidFile);
    customMetadata(
        "slow",
        Map.of(
            "rotate_command",
            script("slow", "echo $$ > " + pidFile + "\nexec sleep 60"),
            "rotate_timeout",
            "1s"));

    CofferException e =
        catchThrowableOfType(CofferException.class, () -> kv.write("rotate/slow", Map.of()));

    assertThat(e.getMessage()).isEqualTo("rotate command timed out after 1s and was killed");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(5, TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
    assertThat(dataOf("slow")).containsEntry("value", "old");
  }

  @Test
  void writingARotateCommandIsRefusedWithoutAllowRotateCommands() {
    mountV2(Map.of());
    put("gh", Map.of("value", "old"));

    assertThatThrownBy(() -> customMetadata("gh", Map.of("rotate_command", "gh auth refresh")))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("rotate_command is not allowed on this mount")
        .hasMessageContaining("allow_rotate_commands=\"true\"");
    assertThat(metadata("gh").get("custom_metadata")).isNull();
  }

  @Test
  void aMountOptionRotateCommandNeedsAllowRotateCommandsToo() {
    assertThatThrownBy(() -> mountV2(Map.of("rotate_command", "gh auth refresh")))
        .hasMessageContaining("rotate_command is not allowed on this mount");
  }

  @Test
  void aCommandWrittenWhileAllowedDoesNotRunAfterTheMountForbidsCommands() {
    mountV2(COMMANDS);
    put("gh", Map.of("value", "old"));
    customMetadata("gh", Map.of("rotate_command", script("print2", "echo new")));
    mountV2(Map.of());

    assertThatThrownBy(() -> kv.write("rotate/gh", Map.of()))
        .hasMessageContaining("rotate_command is not allowed on this mount");
    assertThat(dataOf("gh")).containsEntry("value", "old");
  }

  @Test
  void invalidRotationValuesAreRefusedNamingTheKey() {
    mountV2(Map.of());
    put("a", Map.of("k", "v"));

    assertThatThrownBy(() -> customMetadata("a", Map.of("rotation_period", "soon")))
        .hasMessageContaining("\"rotation_period\"");
    assertThatThrownBy(() -> customMetadata("a", Map.of("rotate_generator", "dice")))
        .hasMessageContaining("\"rotate_generator\"");
    assertThatThrownBy(() -> mountV2(Map.of("rotate_timeout", "1h")))
        .hasMessageContaining("option \"rotate_timeout\": must be at most 10m");
  }

  @Test
  void aKvVersion1MountRotatesByItsMountRotatorAndRefusesAPeriod() {
    mount(Map.of("rotate_generator", "password", "password_policy", "x"));
    kv.write("app", Map.of("password", "old", "user", "u"));

    kv.write("rotate/app", Map.of());

    assertThat(kv.read("app").data()).containsEntry("password", "xxxx").containsEntry("user", "u");
    assertThatThrownBy(() -> mount(Map.of("rotate_generator", "password", "rotation_period", "1h")))
        .hasMessage("option \"rotation_period\" needs a KV version 2 mount");
  }

  @Test
  void aKvVersion1MountWithoutRotatorKeepsRotateAsAnOrdinarySecretPath() {
    mount(Map.of());

    kv.write("rotate/app", Map.of("k", "v"));

    assertThat(kv.read("rotate/app").data()).containsEntry("k", "v");
  }

  @Test
  void theDefaultTimeoutIsThirtySeconds() {
    assertThat(RotationSettings.ofMount(Map.of()).timeout()).isEqualTo(Duration.ofSeconds(30));
  }
}
