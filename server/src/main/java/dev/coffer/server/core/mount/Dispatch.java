package dev.coffer.server.core.mount;

import dev.coffer.server.core.RequestMethod;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.FieldConverter;
import dev.coffer.spi.Handler;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.Map;
import java.util.Optional;

/**
 * Routing inside one engine: picks the most specific {@link PathSpec} for a mount-relative path,
 * turns the HTTP method into an {@link Operation} (asking the existence check for {@code PUT} and
 * {@code POST}), converts the fields and calls the handler.
 */
public final class Dispatch {
  private Dispatch() {}

  /** A path matched within a mount. */
  public record Match(
      MountedEngine mount, String relativePath, PathSpec spec, Map<String, String> params) {}

  /**
   * The most specific path of {@code mount} matching {@code requestPath} (which starts with the
   * mount path, or is the mount path without its slash) that serves {@code method}; if none serves
   * it, the most specific match (the request then fails with 405).
   */
  public static Optional<Match> find(
      MountedEngine mount, String requestPath, RequestMethod method) {
    String mountPath = mount.entry().path();
    String relative =
        requestPath.length() >= mountPath.length() ? requestPath.substring(mountPath.length()) : "";
    while (relative.endsWith("/")) {
      relative = relative.substring(0, relative.length() - 1);
    }
    Match first = null;
    for (PathSpec spec : mount.paths()) {
      Optional<Map<String, String>> params = spec.match(relative);
      if (params.isPresent()) {
        Match m = new Match(mount, relative, spec, params.get());
        if (serves(spec, method)) {
          return Optional.of(m);
        }
        if (first == null) {
          first = m;
        }
      }
    }
    return Optional.ofNullable(first);
  }

  private static boolean serves(PathSpec spec, RequestMethod method) {
    Map<Operation, Handler> h = spec.handlers();
    return switch (method) {
      case GET, HEAD -> h.containsKey(Operation.READ);
      case LIST -> h.containsKey(Operation.LIST);
      case PATCH -> h.containsKey(Operation.PATCH);
      case DELETE -> h.containsKey(Operation.DELETE);
      case PUT, POST -> h.containsKey(Operation.CREATE) || h.containsKey(Operation.UPDATE);
    };
  }

  /** A request resolved to one operation and handler of a matched path, fields converted. */
  public record Resolved(Match match, Operation operation, Handler handler, Request request) {
    /** The full request path, e.g. {@code secret/data/app}. */
    public String fullPath() {
      return request.mountPath() + request.path();
    }
  }

  /**
   * Decides the operation (asking the existence check for {@code PUT}/{@code POST}), converts the
   * fields and builds the {@link Request}; runs no handler yet, so authorization can see the
   * operation first.
   *
   * @throws CofferException 405 "unsupported operation" if the path does not serve the method, or
   *     400 if the field conversion fails
   */
  public static Resolved resolve(
      Match match,
      RequestMethod method,
      Map<String, Object> rawData,
      String requestId,
      ClientInfo client) {
    PathSpec spec = match.spec();
    Map<String, Object> data = FieldConverter.convert(spec.fields(), rawData);
    Request probe =
        new Request(
            requestId,
            Operation.CREATE,
            match.mount().entry().path(),
            match.relativePath(),
            match.params(),
            data,
            client);
    Operation op = operation(spec, method, probe);
    Handler handler = spec.handlers().get(op);
    if (handler == null) {
      throw unsupported();
    }
    Request request =
        new Request(
            requestId, op, probe.mountPath(), probe.path(), probe.params(), data, probe.client());
    return new Resolved(match, op, handler, request);
  }

  /** Runs the handler of a resolved request. */
  public static Response invoke(Resolved resolved) {
    Response response = resolved.handler().handle(resolved.request());
    if (response == null) {
      throw new IllegalStateException(
          "handler for " + resolved.match().spec().pattern() + " returned null");
    }
    return response;
  }

  /**
   * The operation a method asks for without consulting the path: {@code PUT}/{@code POST} count as
   * {@link Operation#UPDATE}. For records of requests refused before they were resolved.
   */
  public static Operation operationOf(RequestMethod method) {
    return switch (method) {
      case GET, HEAD -> Operation.READ;
      case LIST -> Operation.LIST;
      case PATCH -> Operation.PATCH;
      case DELETE -> Operation.DELETE;
      case PUT, POST -> Operation.UPDATE;
    };
  }

  private static Operation operation(PathSpec spec, RequestMethod method, Request request) {
    return switch (method) {
      case GET, HEAD -> Operation.READ;
      case LIST -> Operation.LIST;
      case PATCH -> Operation.PATCH;
      case DELETE -> Operation.DELETE;
      case PUT, POST -> writeOperation(spec, request);
    };
  }

  private static Operation writeOperation(PathSpec spec, Request request) {
    boolean create = spec.handlers().containsKey(Operation.CREATE);
    boolean update = spec.handlers().containsKey(Operation.UPDATE);
    if (create && update) {
      return spec.existenceCheck()
          .map(check -> check.exists(request) ? Operation.UPDATE : Operation.CREATE)
          .orElse(Operation.UPDATE);
    }
    if (create) {
      return Operation.CREATE;
    }
    if (update) {
      return Operation.UPDATE;
    }
    throw unsupported();
  }

  private static CofferException unsupported() {
    return new CofferException(ErrorCode.UNSUPPORTED_OPERATION, "unsupported operation");
  }
}
