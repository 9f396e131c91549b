package dev.coffer.spi.testkit;

import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.FieldConverter;
import dev.coffer.spi.Handler;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretsEngine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Calls a {@link SecretsEngine}'s paths directly, the way the server's router does, so engines can
 * be unit-tested without HTTP:
 *
 * <ol>
 *   <li>the most specific {@link PathSpec} whose pattern matches the mount-relative path is chosen
 *       ({@link PathSpec#match}, then the highest {@link PathSpec#specificity()}; the first
 *       declared wins a tie);
 *   <li>the raw data is converted with {@link FieldConverter};
 *   <li>a write ({@link Operation#CREATE} or {@link Operation#UPDATE}) becomes CREATE or UPDATE by
 *       the path's existence check (UPDATE when it has none), falling back to the other one when
 *       only one of them has a handler;
 *   <li>the handler's {@link Response} is returned, or its {@link CofferException} thrown.
 * </ol>
 *
 * <p>A path nothing matches throws {@link ErrorCode#NOT_FOUND} ({@code no handler for route ...});
 * a path without a handler for the operation throws {@link ErrorCode#UNSUPPORTED_OPERATION} ({@code
 * unsupported operation}).
 *
 * <pre>{@code
 * EngineHarness kv = new EngineHarness(engine, "secret/");
 * kv.write("data/app", Map.of("data", Map.of("password", "s3cret")));
 * Response r = kv.read("data/app", Map.of("version", "1"));
 * }</pre>
 */
public final class EngineHarness {
  private final SecretsEngine engine;
  private final String mountPath;
  private final ClientInfo client;

  /** Drives {@code engine} as if mounted at {@code mountPath} (e.g. {@code secret/}). */
  public EngineHarness(SecretsEngine engine, String mountPath) {
    this(engine, mountPath, ClientInfo.anonymous());
  }

  /** Drives {@code engine} as if mounted at {@code mountPath}, on behalf of {@code client}. */
  public EngineHarness(SecretsEngine engine, String mountPath, ClientInfo client) {
    this.engine = engine;
    this.mountPath = mountPath.endsWith("/") ? mountPath : mountPath + "/";
    this.client = client;
  }

  /**
   * Routes one request. {@code CREATE} and {@code UPDATE} are both treated as an HTTP write and
   * resolved by the existence check, as the server does.
   *
   * @param path the mount-relative path, without leading or trailing {@code /}
   * @param data the raw fields (JSON body merged with query parameters), before conversion
   */
  public Response call(Operation operation, String path, Map<String, Object> data) {
    PathSpec spec = route(path);
    Map<String, String> params = spec.match(path).orElseThrow();
    Map<String, Object> converted =
        FieldConverter.convert(spec.fields(), data == null ? Map.of() : data);
    Request request =
        new Request(
            UUID.randomUUID().toString(), operation, mountPath, path, params, converted, client);
    Operation resolved = resolve(spec, request);
    Handler handler = spec.handlers().get(resolved);
    if (handler == null) {
      throw new CofferException(ErrorCode.UNSUPPORTED_OPERATION, "unsupported operation");
    }
    Response response =
        handler.handle(request.operation() == resolved ? request : with(request, resolved));
    if (response == null) {
      throw new IllegalStateException("handler for " + spec + " returned null");
    }
    return response;
  }

  /** The operation a request would be served as: CREATE or UPDATE decided as the server does. */
  public Operation resolvedOperation(Operation operation, String path, Map<String, Object> data) {
    PathSpec spec = route(path);
    Map<String, Object> converted =
        FieldConverter.convert(spec.fields(), data == null ? Map.of() : data);
    Request request =
        new Request(
            "", operation, mountPath, path, spec.match(path).orElseThrow(), converted, client);
    return resolve(spec, request);
  }

  /** {@code GET} without parameters. */
  public Response read(String path) {
    return call(Operation.READ, path, Map.of());
  }

  /** {@code GET} with query parameters. */
  public Response read(String path, Map<String, Object> query) {
    return call(Operation.READ, path, query);
  }

  /** {@code POST}/{@code PUT}: CREATE or UPDATE by the existence check. */
  public Response write(String path, Map<String, Object> data) {
    return call(Operation.UPDATE, path, data);
  }

  /** {@code PATCH}. */
  public Response patch(String path, Map<String, Object> data) {
    return call(Operation.PATCH, path, data);
  }

  /** {@code DELETE}. */
  public Response delete(String path) {
    return call(Operation.DELETE, path, Map.of());
  }

  /** {@code LIST}. */
  public Response list(String path) {
    return call(Operation.LIST, path, Map.of());
  }

  /** The keys of a {@code LIST}; throws the engine's NOT_FOUND when there are none. */
  @SuppressWarnings("unchecked")
  public List<String> listKeys(String path) {
    return (List<String>) list(path).data().get("keys");
  }

  private PathSpec route(String path) {
    PathSpec best = null;
    for (PathSpec spec : engine.paths()) {
      Optional<Map<String, String>> m = spec.match(path);
      if (m.isPresent() && (best == null || spec.specificity() > best.specificity())) {
        best = spec;
      }
    }
    if (best == null) {
      throw CofferException.withErrors(
          ErrorCode.NOT_FOUND, List.of("no handler for route \"" + mountPath + path + "\""));
    }
    return best;
  }

  private static Operation resolve(PathSpec spec, Request request) {
    Operation op = request.operation();
    if (op != Operation.CREATE && op != Operation.UPDATE) {
      return op;
    }
    Operation wanted =
        spec.existenceCheck()
            .map(c -> c.exists(request) ? Operation.UPDATE : Operation.CREATE)
            .orElse(Operation.UPDATE);
    if (spec.handlers().containsKey(wanted)) {
      return wanted;
    }
    Operation other = wanted == Operation.CREATE ? Operation.UPDATE : Operation.CREATE;
    return spec.handlers().containsKey(other) ? other : wanted;
  }

  private static Request with(Request r, Operation op) {
    return new Request(
        r.requestId(), op, r.mountPath(), r.path(), r.params(), r.data(), r.client());
  }
}
