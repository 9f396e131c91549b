package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.spi.Rotation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvScheduledRotationTest extends KvRotationTestBase {

  private long version(String path) {
    return (Long) metadata(path).get("current_version");
  }

  @Test
  void periodicRotatesASecretWhenItsPeriodHasPassedAndNotBefore() {
    mountV2(Map.of());
    put("db", Map.of("password", "p"));
    customMetadata("db", Map.of("rotate_generator", "password", "rotation_period", "24h"));

    clock.advance(Duration.ofHours(23));
    engine.periodic(clock.instant());
    assertThat(version("db")).isEqualTo(1);

    clock.advance(Duration.ofHours(1));
    engine.periodic(clock.instant());
    assertThat(version("db")).isEqualTo(2);
    assertThat(metadata("db")).containsEntry("last_rotated", "2024-01-02T00:00:00Z");

    clock.advance(Duration.ofHours(12));
    engine.periodic(clock.instant());
    assertThat(version("db")).isEqualTo(2);
    clock.advance(Duration.ofHours(12));
    engine.periodic(clock.instant());
    assertThat(version("db")).isEqualTo(3);
  }

  @Test
  void theDueIndexHoldsOnlyScheduledSecrets() {
    mountV2(Map.of());
    put("plain", Map.of("k", "v"));
    put("db", Map.of("password", "p"));
    customMetadata("db", Map.of("rotate_generator", "password", "rotation_period", "1h"));

    assertThat(storage.list(KvStore.ROTATION_DUE)).hasSize(1);

    kv.delete("metadata/db");
    assertThat(storage.list(KvStore.ROTATION_DUE)).isEmpty();
  }

  @Test
  void removingThePeriodTakesTheSecretOffTheSchedule() {
    mountV2(Map.of());
    put("db", Map.of("password", "p"));
    customMetadata("db", Map.of("rotate_generator", "password", "rotation_period", "1h"));
    customMetadata("db", Map.of("rotate_generator", "password"));

    clock.advance(Duration.ofHours(2));
    engine.periodic(clock.instant());

    assertThat(version("db")).isEqualTo(1);
    assertThat(storage.list(KvStore.ROTATION_DUE)).isEmpty();
  }

  @Test
  void aMountPeriodAddedLaterSchedulesTheSecretsAlreadyThere() {
    mountV2(Map.of());
    put("a", Map.of("password", "p"));
    put("dir/b", Map.of("password", "p"));
    mountV2(Map.of("rotate_generator", "password", "rotation_period", "1h"));

    clock.advance(Duration.ofHours(1));
    engine.periodic(clock.instant());

    assertThat(version("a")).isEqualTo(2);
    assertThat(version("dir/b")).isEqualTo(2);
  }

  @Test
  void aFailedScheduledRotationIsRetriedAfterAMinuteNotOnEveryTick() {
    mountV2(Map.of("allow_rotate_commands", "true"));
    put("gh", Map.of("value", "v"));
    String marker = "target/rotate-scripts/flaky.count";
    customMetadata(
        "gh",
        Map.of(
            "rotate_command",
            script(
                "flaky",
                "echo x >> " + java.nio.file.Path.of(marker).toAbsolutePath() + "\nexit 1"),
            "rotation_period",
            "1h"));
    java.nio.file.Path count = java.nio.file.Path.of(marker);
    try {
      java.nio.file.Files.deleteIfExists(count);
      clock.advance(Duration.ofHours(1));
      engine.periodic(clock.instant());
      engine.periodic(clock.instant().plusSeconds(5));
      assertThat(java.nio.file.Files.readAllLines(count)).hasSize(1);

      engine.periodic(clock.instant().plusSeconds(61));
      assertThat(java.nio.file.Files.readAllLines(count)).hasSize(2);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void rotateAllRotatesEverySecretWithARotatorAndReportsFailures() {
    mountV2(Map.of("allow_rotate_commands", "true"));
    put("ok", Map.of("password", "p"));
    put("dir/ok2", Map.of("password", "p"));
    put("broken", Map.of("value", "v"));
    put("plain", Map.of("k", "v"));
    customMetadata("ok", Map.of("rotate_generator", "password"));
    customMetadata("dir/ok2", Map.of("rotate_generator", "password"));
    customMetadata("broken", Map.of("rotate_command", script("broken", "exit 7")));

    List<Rotation> report = engine.rotateAll();

    assertThat(report)
        .containsExactlyInAnyOrder(
            Rotation.rotated("data/ok"),
            Rotation.rotated("data/dir/ok2"),
            Rotation.failed("data/broken", "rotate command exited with status 7"));
    assertThat(version("ok")).isEqualTo(2);
    assertThat(version("plain")).isEqualTo(1);
  }

  @Test
  void rotateAllOfAKvVersion1MountRotatesEverySecret() {
    mount(Map.of("rotate_generator", "password", "password_policy", "x"));
    kv.write("a", Map.of("password", "p"));
    kv.write("b/c", Map.of("password", "p"));

    assertThat(engine.rotateAll())
        .containsExactlyInAnyOrder(Rotation.rotated("a"), Rotation.rotated("b/c"));
    assertThat(kv.read("b/c").data()).containsEntry("password", "xxxx");
  }
}
