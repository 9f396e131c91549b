package dev.coffer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatConfigTest {
  @TempDir Path dir;

  private CofferConfig load(String yaml) throws IOException {
    Path f = Files.writeString(dir.resolve("coffer.yaml"), yaml);
    return ConfigLoader.load(f, Map.of());
  }

  @Test
  void noHeartbeatByDefault() {
    assertThat(CofferConfig.defaults().heartbeat()).isEmpty();
  }

  @Test
  void heartbeatIsReadFromTheNestedYamlSection() throws IOException {
    CofferConfig c =
        load(
            """
            killswitch:
              heartbeat:
                url: http://127.0.0.1:9999/alive
                interval: 500ms
                timeout: 2s
                failures: 2
                rotate: true
                seal: true
            """);
    HeartbeatConfig h = c.heartbeat().orElseThrow();
    assertThat(h.url()).isEqualTo(URI.create("http://127.0.0.1:9999/alive"));
    assertThat(h.interval()).isEqualTo(Duration.ofMillis(500));
    assertThat(h.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(h.failures()).isEqualTo(2);
    assertThat(h.rotate()).isTrue();
    assertThat(h.seal()).isTrue();
    assertThat(c.toBuilder().build().heartbeat()).contains(h);
  }

  @Test
  void onlyUrlIsRequiredAndTheRestHasDefaults() throws IOException {
    HeartbeatConfig h =
        load("killswitch:\n  heartbeat:\n    url: https://example.test/hb\n")
            .heartbeat()
            .orElseThrow();
    assertThat(h.interval()).isEqualTo(HeartbeatConfig.DEFAULT_INTERVAL);
    assertThat(h.timeout()).isEqualTo(HeartbeatConfig.DEFAULT_TIMEOUT);
    assertThat(h.failures()).isEqualTo(HeartbeatConfig.DEFAULT_FAILURES);
    assertThat(h.rotate()).isFalse();
    assertThat(h.seal()).isFalse();
  }

  @Test
  void badValuesStopStartUpNamingTheKey() {
    assertThatThrownBy(() -> load("killswitch:\n  heartbeat:\n    interval: 5s\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("killswitch.heartbeat.url");
    assertThatThrownBy(() -> load("killswitch:\n  heartbeat:\n    url: ftp://x/y\n"))
        .hasMessageContaining("killswitch.heartbeat.url");
    assertThatThrownBy(
            () -> load("killswitch:\n  heartbeat:\n    url: http://x/y\n    interval: soon\n"))
        .hasMessageContaining("killswitch.heartbeat.interval");
    assertThatThrownBy(
            () -> load("killswitch:\n  heartbeat:\n    url: http://x/y\n    failures: 0\n"))
        .hasMessageContaining("killswitch.heartbeat.failures");
    assertThatThrownBy(
            () -> load("killswitch:\n  heartbeat:\n    url: http://x/y\n    seal: maybe\n"))
        .hasMessageContaining("killswitch.heartbeat.seal");
    assertThatThrownBy(() -> load("killswitch:\n  deadline: 5s\n"))
        .hasMessageContaining("killswitch.deadline");
    assertThatThrownBy(
            () -> load("killswitch:\n  heartbeat:\n    url: http://x/y\n    colour: red\n"))
        .hasMessageContaining("killswitch.heartbeat.colour");
  }
}
