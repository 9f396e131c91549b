package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.config.CofferConfig;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends gets a clear 4xx in Vault's error format, never a 500, and loses no data.
 */
class BadInputOverHttpTest {
  private static final int LIMIT = 64 * 1024;
  private static CofferServer server;
  private static VaultApi api;

  @BeforeAll
  static void start() {
    String key = HexFormat.of().formatHex(new byte[32]).replace('0', '7');
    server =
        CofferServer.start(
            CofferConfig.builder()
                .listenerAddress("127.0.0.1:0")
                .set("listener.max_request_size", String.valueOf(LIMIT))
                .storage("inmem", Map.of())
                .seal("static", Map.of("key", key))
                .build());
    String root =
        TestServers.api(server, null).put("sys/init", "{}").body().get("root_token").asText();
    api = TestServers.api(server, root);
    api.post("sys/mounts/secret", "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}");
    assertThat(api.post("secret/data/keep", "{\"data\":{\"v\":\"kept\"}}").status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    assertThat(api.get("secret/data/keep").data().get("data").get("v").asText())
        .as("bad input lost nothing")
        .isEqualTo("kept");
    server.close();
  }

  private static void assertClientError(Answer a, int status) {
    assertThat(a.status()).as(a.raw()).isEqualTo(status);
    assertThat(a.body().get("errors").isArray()).as(a.raw()).isTrue();
    assertThat(a.raw()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void malformedJsonAnswers400() {
    assertClientError(api.post("secret/data/keep", "{\"data\": {\"v\": "), 400);
    assertClientError(api.post("secret/data/keep", "not json at all"), 400);
  }

  @Test
  void aJsonBodyThatIsNotAnObjectAnswers400() {
    assertClientError(api.post("secret/data/keep", "[1,2,3]"), 400);
    assertClientError(api.post("secret/data/keep", "\"just a string\""), 400);
  }

  @Test
  void wrongTypesAnswer400() {
    assertClientError(api.post("secret/data/keep", "{\"data\":\"not an object\"}"), 400);
    assertClientError(
        api.post("secret/data/keep", "{\"options\":{\"cas\":\"many\"},\"data\":{\"a\":1}}"), 400);
    assertClientError(api.post("secret/metadata/keep", "{\"max_versions\":\"lots\"}"), 400);
    assertClientError(api.post("secret/delete/keep", "{\"versions\":\"abc\"}"), 400);
    assertClientError(api.get("secret/data/keep?version=abc"), 400);
    assertClientError(
        api.post("sys/mounts/x", "{\"type\":\"kv\",\"options\":\"version two\"}"), 400);
  }

  @Test
  void pathTraversalIsRefused() {
    for (String raw :
        List.of(
            "/v1/secret/data/../../sys/mounts",
            "/v1/secret/data/%2e%2e/%2e%2e/sys/mounts",
            "/v1/secret/data/a/%2E%2E/keep",
            "/v1/secret/data/a%00b",
            "/v1/secret/data/./keep")) {
      Answer a = api.sendRaw("GET", raw, null, null);
      assertThat(a.status()).as(raw + " -> " + a.raw()).isBetween(400, 404);
      assertThat(a.raw()).as(raw).doesNotContain("\"kept\"");
    }
  }

  @Test
  void oversizeBodiesAnswer413() throws IOException {
    // Over a raw socket: the request declares a body over the limit and waits for 100-continue,
    // as curl does; the server must answer 413 without reading the body. (An HTTP client that
    // streams the body at once races the server's close, which can cost it the answer.)
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      String head =
          "POST /v1/secret/data/big HTTP/1.1\r\n"
              + "Host: 127.0.0.1\r\n"
              + "X-Vault-Token: "
              + api.token()
              + "\r\n"
              + "Content-Type: application/json\r\n"
              + "Content-Length: "
              + (LIMIT * 2)
              + "\r\n"
              + "Expect: 100-continue\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = readAnswer(socket.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat(answer).contains("\"errors\"").doesNotContain("Exception");
    }
    assertThat(api.get("secret/data/big").status()).isEqualTo(404);
  }

  /** The status line, headers and (short) body of one answer, until the server closes or 4 KiB. */
  private static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    int n;
    while (out.size() < 4096 && (n = in.read(buf)) > 0) {
      out.write(buf, 0, n);
      if (out.toString(StandardCharsets.US_ASCII).contains("}")) {
        break;
      }
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void unknownMountsAndPathsAnswer404() {
    Answer a = api.get("nowhere/data/x");
    assertClientError(a, 404);
    assertThat(a.errors()).contains("no handler for route");
    assertClientError(api.get("secret/not-a-kv-path/x"), 404);
  }

  @Test
  void anUnsupportedOperationAnswers405() {
    assertClientError(api.delete("secret/config"), 405);
  }

  @Test
  void aMissingOrWrongTokenAnswers403() {
    assertClientError(api.withToken(null).get("secret/data/keep"), 403);
    assertClientError(api.withToken("cfs.not-a-real-token").get("secret/data/keep"), 403);
    assertThat(api.withToken("cfs.not-a-real-token").get("secret/data/keep").errors())
        .contains("permission denied");
  }

  @Test
  void patchWithoutMergePatchContentTypeIsRefused() {
    Answer a = api.send("PATCH", "secret/data/keep", "{\"data\":{\"v\":2}}", "application/json");
    assertThat(a.status()).isBetween(400, 499);
  }

  @Test
  void badMountRequestsAnswer400() {
    assertClientError(api.post("sys/mounts/y", "{\"type\":\"no-such-engine\"}"), 400);
    assertClientError(api.post("sys/mounts/secret", "{\"type\":\"kv\"}"), 400);
    assertClientError(
        api.post("sys/mounts/kv2", "{\"type\":\"kv\",\"options\":{\"version\":\"9\"}}"), 400);
  }
}
