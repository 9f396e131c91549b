package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.config.CofferConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bootstrap wiring through the real core and plugins. */
class CofferServerTest {
  @TempDir Path dir;

  @Test
  void anUnknownStorageTypeStopsStartUpNamingTheKey() {
    CofferConfig config =
        CofferConfig.builder()
            .listenerAddress("127.0.0.1:0")
            .storage("nosuchstore", Map.of())
            .build();
    assertThatThrownBy(() -> CofferServer.start(config))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith(
            "invalid value for 'storage.type': unknown storage type 'nosuchstore'");
  }

  @Test
  void anUnknownStorageOptionStopsStartUpNamingTheKey() {
    CofferConfig config =
        CofferConfig.builder()
            .listenerAddress("127.0.0.1:0")
            .storage("inmem", Map.of("bogus", "1"))
            .build();
    assertThatThrownBy(() -> CofferServer.start(config))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("'storage.bogus'");
  }

  @Test
  void anUnknownSealTypeStopsStartUpNamingTheKey() {
    CofferConfig config =
        CofferConfig.builder()
            .listenerAddress("127.0.0.1:0")
            .storage("inmem", Map.of())
            .seal("nosuchseal", Map.of())
            .build();
    assertThatThrownBy(() -> CofferServer.start(config))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("invalid value for 'seal.type'");
  }

  @Test
  void aDevServerIsUnsealedAndServesTheRootToken() throws Exception {
    try (CofferServer server =
        CofferServer.startDev(new DevOptions("cfs.devroot", "127.0.0.1:0", null))) {
      assertThat(server.port()).isPositive();
      assertThat(server.address()).isEqualTo("http://127.0.0.1:" + server.port());
      assertThat(server.core().sealed()).isFalse();
      assertThat(server.devRootToken()).contains("cfs.devroot");
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(server.address() + "/v1/auth/token/lookup-self"))
                      .header("X-Vault-Token", "cfs.devroot")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aDevServerWithADataDirectoryKeepsItsDataAcrossRestarts() throws Exception {
    DevOptions options = new DevOptions("cfs.devroot", "127.0.0.1:0", dir.resolve("data"));
    HttpClient client = HttpClient.newHttpClient();
    try (CofferServer server = CofferServer.startDev(options)) {
      HttpResponse<String> put =
          client.send(
              HttpRequest.newBuilder(URI.create(server.address() + "/v1/secret/data/hello"))
                  .header("X-Vault-Token", "cfs.devroot")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"foo\":\"bar\"}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).isEqualTo(200);
    }
    try (CofferServer server = CofferServer.startDev(options)) {
      HttpResponse<String> get =
          client.send(
              HttpRequest.newBuilder(URI.create(server.address() + "/v1/secret/data/hello"))
                  .header("X-Vault-Token", "cfs.devroot")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.body()).contains("\"foo\":\"bar\"");
    }
  }
}
