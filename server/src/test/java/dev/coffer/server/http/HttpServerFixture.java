package dev.coffer.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.config.ListenerAddress;
import dev.coffer.config.ListenerConfig;
import dev.coffer.server.core.CoreRequest;
import dev.coffer.server.core.CoreResult;
import dev.coffer.spi.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A real HttpServer on a random loopback port over a RequestHandler the test scripts. */
abstract class HttpServerFixture {
  static final long LIMIT = 1024;
  final HttpClient client = HttpClient.newHttpClient();
  final AtomicReference<CoreRequest> seen = new AtomicReference<>();
  volatile Function<CoreRequest, CoreResult> answer =
      r -> new CoreResult.Ok(r.requestId(), Response.of(Map.of("foo", "bar")));
  HttpServer server;

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

  HttpResponse<String> send(String method, String path, BodyPublisher body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, body);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String... headers) throws Exception {
    return send(method, path, BodyPublishers.noBody(), headers);
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }
}
