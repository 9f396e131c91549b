package dev.coffer.cli;

import dev.coffer.config.ListenerAddress;
import dev.coffer.config.ListenerConfig;
import dev.coffer.server.core.CoreRequest;
import dev.coffer.server.core.CoreResult;
import dev.coffer.server.http.HttpServer;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server (Coffer's own HTTP layer) whose answers the test sets per {@code "METHOD
 * path"}; it records every request. Unknown routes answer 404.
 */
final class FakeServer implements AutoCloseable {
  final List<CoreRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Function<CoreRequest, CoreResult>> routes = new ConcurrentHashMap<>();
  private final HttpServer http;

  FakeServer() {
    http =
        HttpServer.start(
            ListenerConfig.plain(new ListenerAddress("127.0.0.1", 0)),
            r -> {
              requests.add(r);
              Function<CoreRequest, CoreResult> f = routes.get(r.method() + " " + r.path());
              return f != null
                  ? f.apply(r)
                  : new CoreResult.Failed(r.requestId(), CofferException.notFound());
            });
  }

  String address() {
    return "http://127.0.0.1:" + http.port();
  }

  FakeServer ok(String route, Map<String, Object> data) {
    routes.put(route, r -> new CoreResult.Ok(r.requestId(), Response.of(data)));
    return this;
  }

  FakeServer respond(String route, Response response) {
    routes.put(route, r -> new CoreResult.Ok(r.requestId(), response));
    return this;
  }

  FakeServer empty(String route) {
    routes.put(route, r -> new CoreResult.Ok(r.requestId(), Response.empty()));
    return this;
  }

  FakeServer raw(String route, int status, Map<String, Object> body) {
    routes.put(route, r -> new CoreResult.Raw(r.requestId(), status, body));
    return this;
  }

  FakeServer fail(String route, ErrorCode code, String message) {
    routes.put(
        route, r -> new CoreResult.Failed(r.requestId(), new CofferException(code, message)));
    return this;
  }

  FakeServer failWithData(String route, ErrorCode code, Map<String, Object> data) {
    routes.put(
        route,
        r -> new CoreResult.Failed(r.requestId(), CofferException.withData(code, List.of(), data)));
    return this;
  }

  /** Answers the mount preflight as a KV mount of this version at {@code mount}. */
  FakeServer kvMount(String mount, String version, String... paths) {
    for (String p : paths) {
      ok(
          "GET sys/internal/ui/mounts/" + p,
          Map.of("path", mount, "type", "kv", "options", Map.of("version", version)));
    }
    return this;
  }

  /** Forgets every route and recorded request. */
  void reset() {
    routes.clear();
    requests.clear();
  }

  CoreRequest last() {
    return requests.get(requests.size() - 1);
  }

  @Override
  public void close() {
    http.close();
  }
}
