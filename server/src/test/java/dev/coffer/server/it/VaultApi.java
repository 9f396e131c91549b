package dev.coffer.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny Vault API client over real HTTP for the integration tests. */
final class VaultApi {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String token;
  private final Map<String, String> headers;
  private final boolean expectContinue;

  VaultApi(String base, String token) {
    this(base, token, Map.of(), false);
  }

  private VaultApi(String base, String token, Map<String, String> headers, boolean expectContinue) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
    this.headers = headers;
    this.expectContinue = expectContinue;
  }

  String token() {
    return token;
  }

  VaultApi withToken(String otherToken) {
    return new VaultApi(base, otherToken, headers, expectContinue);
  }

  /**
   * This client asking {@code Expect: 100-continue} before sending a body, as curl does for large
   * bodies: a server that refuses the body (413) answers before the client writes it, instead of
   * racing the client's write with the connection close.
   */
  VaultApi withExpectContinue() {
    return new VaultApi(base, token, headers, true);
  }

  /** This client sending one more header on every request (e.g. {@code X-Vault-Wrap-TTL}). */
  VaultApi withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new VaultApi(base, token, Map.copyOf(more), expectContinue);
  }

  /** One answer: the status and the parsed body ({@code null} for an empty body). */
  record Answer(int status, JsonNode body, String raw) {
    JsonNode data() {
      return body == null ? null : body.get("data");
    }

    String errors() {
      return body == null || body.get("errors") == null ? "" : body.get("errors").toString();
    }
  }

  Answer get(String path) {
    return send("GET", path, null, null);
  }

  Answer list(String path) {
    return send("LIST", path, null, null);
  }

  Answer post(String path, String json) {
    return send("POST", path, json, "application/json");
  }

  Answer put(String path, String json) {
    return send("PUT", path, json, "application/json");
  }

  Answer patch(String path, String json) {
    return send("PATCH", path, json, "application/merge-patch+json");
  }

  Answer delete(String path) {
    return send("DELETE", path, null, null);
  }

  Answer send(String method, String path, String body, String contentType) {
    return sendRaw(method, "/v1/" + path, body, contentType);
  }

  /** Sends to a raw, already-encoded path (for path-traversal tests). */
  Answer sendRaw(String method, String rawPath, String body, String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + rawPath)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("X-Vault-Token", token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    b.expectContinue(expectContinue);
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      String raw = r.body();
      JsonNode node = raw == null || raw.isBlank() ? null : JSON.readTree(raw);
      return new Answer(r.statusCode(), node, raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
