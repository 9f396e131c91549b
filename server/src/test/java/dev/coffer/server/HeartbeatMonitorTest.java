package dev.coffer.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.coffer.config.HeartbeatConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeartbeatMonitorTest {
  private final WireMockServer endpoint = new WireMockServer(options().dynamicPort());
  private final List<String> fired = new ArrayList<>();
  private HeartbeatMonitor monitor;

  @BeforeEach
  void start() {
    endpoint.start();
    alive();
    HeartbeatConfig config =
        new HeartbeatConfig(
            URI.create("http://127.0.0.1:" + endpoint.port() + "/alive"),
            Duration.ofHours(1),
            Duration.ofSeconds(2),
            3,
            true,
            false);
    monitor = new HeartbeatMonitor(config, (rotate, seal) -> fired.add(rotate + "/" + seal));
  }

  @AfterEach
  void stop() {
    monitor.close();
    endpoint.stop();
  }

  private void alive() {
    endpoint.stubFor(get(urlEqualTo("/alive")).willReturn(aResponse().withStatus(200)));
  }

  private void failing() {
    endpoint.stubFor(get(urlEqualTo("/alive")).willReturn(aResponse().withStatus(503)));
  }

  @Test
  void aLiveEndpointNeverFiresTheKillswitch() {
    for (int i = 0; i < 5; i++) {
      monitor.check();
    }
    assertThat(fired).isEmpty();
    endpoint.verify(5, getRequestedFor(urlEqualTo("/alive")));
  }

  @Test
  void firesOnceAfterTheConfiguredNumberOfFailedChecksWithItsOptions() {
    failing();
    monitor.check();
    monitor.check();
    assertThat(fired).isEmpty();
    monitor.check();
    assertThat(fired).containsExactly("true/false");
    monitor.check();
    monitor.check();
    assertThat(fired).as("one outage fires once").hasSize(1);
  }

  @Test
  void aSuccessfulCheckResetsTheCountAndReArmsAfterFiring() {
    failing();
    monitor.check();
    monitor.check();
    alive();
    monitor.check();
    failing();
    monitor.check();
    monitor.check();
    assertThat(fired).as("the count restarted after the success").isEmpty();
    monitor.check();
    assertThat(fired).hasSize(1);
    alive();
    monitor.check();
    failing();
    monitor.check();
    monitor.check();
    monitor.check();
    assertThat(fired).as("re-armed after the endpoint answered again").hasSize(2);
  }

  @Test
  void aKillswitchThatCouldNotFireIsFiredOnTheNextFailedCheck() {
    monitor.close();
    List<String> attempts = new ArrayList<>();
    HeartbeatConfig config =
        new HeartbeatConfig(
            URI.create("http://127.0.0.1:" + endpoint.port() + "/alive"),
            Duration.ofHours(1),
            Duration.ofSeconds(2),
            1,
            false,
            false);
    monitor =
        new HeartbeatMonitor(
            config,
            (rotate, seal) -> {
              attempts.add("try");
              if (attempts.size() == 1) {
                throw new IllegalStateException("Coffer is sealed");
              }
              fired.add("fired");
            });
    failing();

    assertThatThrownBy(monitor::check).hasMessage("Coffer is sealed");
    monitor.check();
    monitor.check();

    assertThat(attempts).hasSize(2);
    assertThat(fired).as("fired once it could, then once per outage").containsExactly("fired");
  }

  @Test
  void anUnreachableEndpointCountsAsAFailure() {
    endpoint.stop();
    monitor.check();
    monitor.check();
    monitor.check();
    assertThat(fired).hasSize(1);
  }
}
