package dev.coffer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.config.ListenerAddress;
import dev.coffer.config.ListenerConfig;
import dev.coffer.server.core.RequestMethod;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the HTTP layer reads requests: methods, tokens, bodies, limits, paths, and bad input. */
class HttpServerRequestTest extends HttpServerFixture {
  @Test
  void theListMethodBecomesList() throws Exception {
    send("LIST", "/v1/secret/metadata/");
    assertThat(seen.get().method()).isEqualTo(RequestMethod.LIST);
    assertThat(seen.get().path()).isEqualTo("secret/metadata/");
  }

  @Test
  void getWithListTrueBecomesListAndDropsTheParameter() throws Exception {
    send("GET", "/v1/secret/metadata/?list=true&x=1");
    assertThat(seen.get().method()).isEqualTo(RequestMethod.LIST);
    assertThat(seen.get().data()).containsExactly(Map.entry("x", "1"));
  }

  @Test
  void getWithListFalseStaysARead() throws Exception {
    send("GET", "/v1/secret/metadata/a?list=false");
    assertThat(seen.get().method()).isEqualTo(RequestMethod.GET);
  }

  @Test
  void putAndPostAndDeleteArePassedOn() throws Exception {
    send("PUT", "/v1/a");
    assertThat(seen.get().method()).isEqualTo(RequestMethod.PUT);
    send("POST", "/v1/a");
    assertThat(seen.get().method()).isEqualTo(RequestMethod.POST);
    send("DELETE", "/v1/a");
    assertThat(seen.get().method()).isEqualTo(RequestMethod.DELETE);
  }

  @Test
  void theTokenComesFromXVaultToken() throws Exception {
    send("GET", "/v1/a", "X-Vault-Token", "s.abc");
    assertThat(seen.get().token()).isEqualTo("s.abc");
  }

  @Test
  void theTokenComesFromABearerAuthorization() throws Exception {
    send("GET", "/v1/a", "Authorization", "Bearer cfs.xyz");
    assertThat(seen.get().token()).isEqualTo("cfs.xyz");
  }

  @Test
  void noTokenIsNull() throws Exception {
    send("GET", "/v1/a", "Authorization", "Basic Zm9vOmJhcg==");
    assertThat(seen.get().token()).isNull();
  }

  @Test
  void theClientAddressIsPassedOn() throws Exception {
    send("GET", "/v1/a");
    assertThat(seen.get().remoteAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void theBodyWinsOverQueryParametersWhichStayStrings() throws Exception {
    send(
        "POST",
        "/v1/a?version=3&cas=1",
        BodyPublishers.ofString("{\"cas\":2,\"data\":{\"k\":\"v\"}}"));
    Map<String, Object> data = seen.get().data();
    assertThat(data).containsEntry("version", "3").containsEntry("cas", 2);
    assertThat(data.get("data")).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void malformedJsonAnswers400WithoutEchoingTheBody() throws Exception {
    seen.set(null);
    HttpResponse<String> r =
        send("POST", "/v1/a", BodyPublishers.ofString("{\"password\": hunter2}"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("errors").get(0).asText())
        .startsWith("failed to parse JSON input: ")
        .doesNotContain("hunter2");
    assertThat(seen.get()).isNull();
  }

  @Test
  void aJsonBodyThatIsNotAnObjectAnswers400() throws Exception {
    HttpResponse<String> r = send("POST", "/v1/a", BodyPublishers.ofString("[1,2]"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("errors").get(0).asText())
        .isEqualTo("failed to parse JSON input: expected a JSON object, got array");
  }

  @Test
  void aBodyWithADeclaredLengthOverTheLimitAnswers413() throws Exception {
    HttpResponse<String> r = send("POST", "/v1/a", BodyPublishers.ofByteArray(new byte[2000]));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).isEqualTo("{\"errors\":[\"request body too large\"]}");
  }

  @Test
  void aChunkedBodyOverTheLimitAnswers413() throws Exception {
    byte[] big = ("{\"a\":\"" + "x".repeat(5000) + "\"}").getBytes();
    HttpResponse<String> r =
        send("POST", "/v1/a", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).isEqualTo("{\"errors\":[\"request body too large\"]}");
  }

  @Test
  void aChunkedBodyUnderTheLimitIsRead() throws Exception {
    byte[] small = "{\"a\":\"b\"}".getBytes();
    HttpResponse<String> r =
        send("POST", "/v1/a", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(seen.get().data()).containsEntry("a", "b");
  }

  @Test
  void patchWithoutMergePatchContentTypeAnswers415() throws Exception {
    HttpResponse<String> r =
        send(
            "PATCH",
            "/v1/secret/data/a",
            BodyPublishers.ofString("{}"),
            "Content-Type",
            "application/json");
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(json(r).get("errors").get(0).asText()).contains("application/merge-patch+json");
  }

  @Test
  void patchWithMergePatchContentTypeIsPassedOn() throws Exception {
    send(
        "PATCH",
        "/v1/secret/data/a",
        BodyPublishers.ofString("{\"data\":{\"k\":null}}"),
        "Content-Type",
        "application/merge-patch+json; charset=utf-8");
    assertThat(seen.get().method()).isEqualTo(RequestMethod.PATCH);
    assertThat(seen.get().data().get("data"))
        .isEqualTo(java.util.Collections.singletonMap("k", null));
  }

  @Test
  void thePathIsDecodedOnceSoEncodedDotsReachTheCoreAsDots() throws Exception {
    send("GET", "/v1/secret/%2e%2e/sys");
    assertThat(seen.get().path()).isEqualTo("secret/../sys");
    send("GET", "/v1/secret/data/a%2Fb%2520c+d");
    assertThat(seen.get().path()).isEqualTo("secret/data/a/b%20c+d");
  }

  @Test
  void literalDotSegmentsAreNotResolvedBeforeTheCoreSeesThem() throws Exception {
    seen.set(null);
    String r = raw("GET /v1/secret/../sys/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    if (seen.get() != null) {
      assertThat(seen.get().path()).isEqualTo("secret/../sys/x");
    } else {
      assertThat(r).startsWith("HTTP/1.1 400").contains("{\"errors\":[");
    }
  }

  @Test
  void aJsonBodyIsReadWhateverTheContentTypeSaysAsVaultDoes() throws Exception {
    send(
        "POST",
        "/v1/a",
        BodyPublishers.ofString("{\"k\":\"v\"}"),
        "Content-Type",
        "application/x-www-form-urlencoded");
    assertThat(seen.get().data()).containsEntry("k", "v");
  }

  @Test
  void aMalformedEscapeAnswers400InJson() throws Exception {
    String r = raw("GET /v1/secret/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(r).startsWith("HTTP/1.1 400");
    assertThat(r).contains("{\"errors\":[");
  }

  @Test
  void aGarbageRequestLineAnswersJsonNotHtml() throws Exception {
    String r = raw("GET /v1/a\u0001b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(r).startsWith("HTTP/1.1 400");
    assertThat(r).doesNotContain("<html").contains("{\"errors\":[");
  }

  private String raw(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void aPathOutsideV1Answers404InJson() throws Exception {
    for (String path : List.of("/foo", "/", "/v1", "/v2/secret")) {
      HttpResponse<String> r = send("GET", path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).isEqualTo("{\"errors\":[\"unsupported path\"]}");
    }
  }

  @Test
  void anUnknownMethodAnswersJsonNotHtml() throws Exception {
    HttpResponse<String> r = send("FROB", "/v1/a");
    assertThat(r.statusCode()).isIn(404, 405);
    assertThat(r.body()).startsWith("{\"errors\":");
    HttpResponse<String> options = send("OPTIONS", "/v1/a");
    assertThat(options.statusCode()).isEqualTo(405);
    assertThat(options.body()).startsWith("{\"errors\":");
  }

  @Test
  void aHandlerThatThrowsAnswers500WithoutAStackTrace() throws Exception {
    answer =
        r -> {
          throw new IllegalStateException("secret detail");
        };
    HttpResponse<String> r = send("GET", "/v1/a");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("{\"errors\":[\"internal error\"]}");
  }

  @Test
  void aThrownCofferExceptionIsRenderedLikeAFailure() throws Exception {
    answer =
        r -> {
          throw CofferException.invalid("bad input");
        };
    HttpResponse<String> r = send("GET", "/v1/a");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"errors\":[\"bad input\"]}");
  }

  @Test
  void anAddressInUseFailsWithAMessageNamingIt() {
    ListenerConfig taken =
        new ListenerConfig(new ListenerAddress("127.0.0.1", server.port()), null, null, LIMIT);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpServer.start(taken, r -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot listen on 127.0.0.1:" + server.port());
  }

  @Test
  void theErrorTableCoversEveryCode() {
    assertThat(ErrorStatus.of(ErrorCode.INVALID_REQUEST)).isEqualTo(400);
    assertThat(ErrorStatus.of(ErrorCode.PERMISSION_DENIED)).isEqualTo(403);
    assertThat(ErrorStatus.of(ErrorCode.NOT_FOUND)).isEqualTo(404);
    assertThat(ErrorStatus.of(ErrorCode.UNSUPPORTED_OPERATION)).isEqualTo(405);
    assertThat(ErrorStatus.of(ErrorCode.PAYLOAD_TOO_LARGE)).isEqualTo(413);
    assertThat(ErrorStatus.of(ErrorCode.RATE_LIMITED)).isEqualTo(429);
    assertThat(ErrorStatus.of(ErrorCode.SEALED)).isEqualTo(503);
    assertThat(ErrorStatus.of(ErrorCode.NOT_INITIALIZED)).isEqualTo(503);
    assertThat(ErrorStatus.of(ErrorCode.UPSTREAM_FAILURE)).isEqualTo(502);
    assertThat(ErrorStatus.of(ErrorCode.INTERNAL)).isEqualTo(500);
  }
}
