package dev.coffer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.core.CoreResult;
import dev.coffer.server.core.RequestMethod;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Response;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the HTTP layer renders each kind of CoreResult: envelope, 204, errors, raw, wrap_info. */
class HttpServerRenderingTest extends HttpServerFixture {
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
  void aBodyLargerThanJettysBufferArrivesWholeWithItsLengthAndHeadGetsNone() throws Exception {
    String big = "x".repeat(100_000);
    answer = r -> new CoreResult.Ok(r.requestId(), Response.of(Map.of("big", big)));
    HttpResponse<String> r = send("GET", "/v1/secret/data/big");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("data").get("big").asText()).isEqualTo(big);
    assertThat(r.headers().firstValueAsLong("Content-Length"))
        .hasValue(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");

    HttpResponse<String> head = send("HEAD", "/v1/secret/data/big");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
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
}
