package dev.coffer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.config.ListenerAddress;
import dev.coffer.config.ListenerConfig;
import dev.coffer.server.core.CoreRequest;
import dev.coffer.server.core.CoreResult;
import dev.coffer.server.core.RequestMethod;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Response;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
  private static final long LIMIT = 1024;
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicReference<CoreRequest> seen = new AtomicReference<>();
  private volatile Function<CoreRequest, CoreResult> answer =
      r -> new CoreResult.Ok(r.requestId(), Response.of(Map.of("foo", "bar")));
  private HttpServer server;

  @BeforeEach
  void start() {
    ListenerConfig listener =
        new ListenerConfig(new ListenerAddress("127.0.0.1", 0), null, null, LIMIT);
    server =
        HttpServer.start(
            listener,
            r -> {
              seen.set(r);
              return answer.apply(r);
            });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(
      String method, String path, BodyPublisher body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, body);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String method, String path, String... headers)
      throws Exception {
    return send(method, path, BodyPublishers.noBody(), headers);
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  @Test
  void anOkResultIsRenderedInVaultsEnvelopeWithEveryField() throws Exception {
    HttpResponse<String> r = send("GET", "/v1/secret/data/app");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    JsonNode body = json(r);
    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly(
            "request_id",
            "lease_id",
            "renewable",
            "lease_duration",
            "data",
            "wrap_info",
            "warnings",
            "auth");
    assertThat(body.get("request_id").asText()).isEqualTo(seen.get().requestId());
    assertThat(body.get("lease_id").asText()).isEmpty();
    assertThat(body.get("renewable").asBoolean()).isFalse();
    assertThat(body.get("lease_duration").asInt()).isZero();
    assertThat(body.get("data").get("foo").asText()).isEqualTo("bar");
    assertThat(body.get("wrap_info").isNull()).isTrue();
    assertThat(body.get("warnings").isNull()).isTrue();
    assertThat(body.get("auth").isNull()).isTrue();
  }

  @Test
  void everyRequestGetsAFreshRequestId() throws Exception {
    String first = json(send("GET", "/v1/a")).get("request_id").asText();
    String second = json(send("GET", "/v1/a")).get("request_id").asText();
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void warningsAreRenderedAsAList() throws Exception {
    answer = r -> new CoreResult.Ok(r.requestId(), Response.empty().withWarning("careful"));
    HttpResponse<String> r = send("POST", "/v1/x");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("warnings").get(0).asText()).isEqualTo("careful");
    assertThat(json(r).get("data").isNull()).isTrue();
  }

  @Test
  void theWrapTtlHeaderReachesTheCoreAsADuration() throws Exception {
    send("GET", "/v1/a", "X-Vault-Wrap-TTL", "5m");
    assertThat(seen.get().wrapTtl()).isEqualTo(java.time.Duration.ofMinutes(5));

    send("GET", "/v1/a");
    assertThat(seen.get().wrapTtl()).isNull();

    HttpResponse<String> bad = send("GET", "/v1/a", "X-Vault-Wrap-TTL", "later");
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void aWrappedResultRendersWrapInfoInVaultsShapeWithNullData() throws Exception {
    answer =
        r ->
            new CoreResult.Ok(
                r.requestId(),
                Response.empty(),
                new dev.coffer.server.core.wrapping.WrapInfo(
                    "cfs.wrap",
                    "acc",
                    60,
                    java.time.Instant.parse("2026-01-01T00:00:00Z"),
                    "auth/token/create",
                    "inner"));
    HttpResponse<String> r = send("GET", "/v1/a");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("data").isNull()).isTrue();
    assertThat(body.get("auth").isNull()).isTrue();
    assertThat(body.get("wrap_info").fieldNames())
        .toIterable()
        .containsExactly(
            "token", "accessor", "ttl", "creation_time", "creation_path", "wrapped_accessor");
    assertThat(body.get("wrap_info").get("token").asText()).isEqualTo("cfs.wrap");
    assertThat(body.get("wrap_info").get("ttl").asLong()).isEqualTo(60);
  }

  @Test
  void anEmptyResultAnswers204WithNoBody() throws Exception {
    answer = r -> new CoreResult.Ok(r.requestId(), Response.empty());
    HttpResponse<String> r = send("PUT", "/v1/x", BodyPublishers.ofString("{\"a\":1}"));
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void aFailureAnswersErrorsWithTheStatusOfItsCode() throws Exception {
    answer =
        r ->
            new CoreResult.Failed(
                r.requestId(), new CofferException(ErrorCode.SEALED, "Vault is sealed"));
    HttpResponse<String> r = send("GET", "/v1/x");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("{\"errors\":[\"Vault is sealed\"]}");
  }

  @Test
  void aNotFoundWithoutMessageAnswersAnEmptyErrorList() throws Exception {
    answer = r -> new CoreResult.Failed(r.requestId(), CofferException.notFound());
    HttpResponse<String> r = send("GET", "/v1/x");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"errors\":[]}");
  }

  @Test
  void aFailureCarryingDataAnswersTheEnvelopeWithItsStatus() throws Exception {
    answer =
        r ->
            new CoreResult.Failed(
                r.requestId(),
                CofferException.withData(
                    ErrorCode.NOT_FOUND, List.of(), Map.of("metadata", Map.of("version", 2))));
    HttpResponse<String> r = send("GET", "/v1/secret/data/app");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("data").get("metadata").get("version").asInt()).isEqualTo(2);
    assertThat(json(r).has("errors")).isFalse();
  }

  @Test
  void aRawResultIsRenderedAsIsWithItsStatus() throws Exception {
    answer = r -> new CoreResult.Raw(r.requestId(), 501, Map.of("initialized", false));
    HttpResponse<String> r = send("GET", "/v1/sys/health");
    assertThat(r.statusCode()).isEqualTo(501);
    assertThat(r.body()).isEqualTo("{\"initialized\":false}");
  }

  @Test
  void headAnswersTheStatusWithoutABody() throws Exception {
    answer = r -> new CoreResult.Raw(r.requestId(), 503, Map.of("sealed", true));
    HttpResponse<String> r = send("HEAD", "/v1/sys/health");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEmpty();
    assertThat(seen.get().method()).isEqualTo(RequestMethod.HEAD);
  }

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
