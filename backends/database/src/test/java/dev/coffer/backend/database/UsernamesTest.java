package dev.coffer.backend.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsernamesTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_767_225_600L);

  @Test
  void aNameLooksLikeVaultsAndIsSafeToTemplate() {
    String name = Usernames.generate("token-\"x'", "readonly-role", NOW);

    assertThat(name).matches("v-token-_x-readonly-[A-Za-z0-9]{20}-1767225600");
    assertThat(name).hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void longNamesAreTrimmedTo63Characters() {
    assertThat(Usernames.generate("a".repeat(40), "b".repeat(40), NOW)).hasSize(51);
    assertThat(Usernames.generate("", "", NOW)).startsWith("v---");
  }

  @Test
  void allowedRolesGlobsMatchLikeVaults() {
    assertThat(Globs.matches("*", "x")).isTrue();
    assertThat(Globs.matches("my-*-role", "my-app-role")).isTrue();
    assertThat(Globs.matches("my-*-role", "my-app-roles")).isFalse();
    assertThat(Globs.matches("app", "app2")).isFalse();
  }
}
