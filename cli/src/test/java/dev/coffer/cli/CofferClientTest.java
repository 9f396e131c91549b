package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CofferClientTest {
  @Test
  void pathsArePercentEncodedExceptSlashesAndTheQuery() {
    assertThat(CofferClient.encode("secret/data/my app/ü%?version=2"))
        .isEqualTo("secret/data/my%20app/%C3%BC%25?version=2");
    assertThat(CofferClient.encode("sys/seal-status")).isEqualTo("sys/seal-status");
  }

  @Test
  void aPathWithSpacesReachesTheServerDecoded() {
    try (FakeServer server = new FakeServer()) {
      server.ok("GET secret/data/my app", Map.of("a", "b"));
      ApiResponse r = new CofferClient(server.address(), null).get("secret/data/my app");
      assertThat(r.status()).isEqualTo(200);
      assertThat(server.last().path()).isEqualTo("secret/data/my app");
    }
  }

  @Test
  void anErrorResponseCarriesStatusAndMessages() {
    try (FakeServer server = new FakeServer()) {
      ApiResponse r = new CofferClient(server.address(), "t").get("nothing");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.errors()).isEmpty();
      assertThat(new ApiException(404, r.errors())).hasMessage("404 not found");
    }
  }
}
