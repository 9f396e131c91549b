package dev.coffer.server.core.sys;

import dev.coffer.server.core.CoreRequest;
import dev.coffer.server.core.CoreResult;
import dev.coffer.server.core.RequestMethod;
import dev.coffer.server.core.Version;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The system paths Vault answers outside its envelope and without a token, served even while
 * sealed: {@code sys/health}, {@code sys/leader}, {@code sys/seal-status}, {@code sys/init}, {@code
 * sys/unseal}; and {@code sys/seal}, which needs the root token.
 */
public final class RawEndpoints {
  private record Endpoint(Map<RequestMethod, Function<CoreRequest, CoreResult>> handlers) {}

  private final Map<String, Endpoint> table = new LinkedHashMap<>();
  private final SealControls controls;

  /** The endpoints over these controls. */
  public RawEndpoints(SealControls controls) {
    this.controls = controls;
    SealEndpoints seal = new SealEndpoints(controls);
    add("sys/health", Map.of(RequestMethod.GET, this::health, RequestMethod.HEAD, this::health));
    add("sys/leader", Map.of(RequestMethod.GET, this::leader));
    add("sys/seal-status", Map.of(RequestMethod.GET, seal::status));
    add(
        "sys/init",
        Map.of(
            RequestMethod.GET, seal::initStatus,
            RequestMethod.PUT, seal::init,
            RequestMethod.POST, seal::init));
    add("sys/unseal", Map.of(RequestMethod.PUT, seal::unseal, RequestMethod.POST, seal::unseal));
    add("sys/seal", Map.of(RequestMethod.PUT, seal::seal, RequestMethod.POST, seal::seal));
  }

  /**
   * Serves {@code request} if its path (without trailing slash) is one of these endpoints.
   *
   * @throws CofferException 405 if the path is served but not with this method
   */
  public Optional<CoreResult> handle(CoreRequest request, String path) {
    Endpoint e = table.get(path);
    if (e == null) {
      return Optional.empty();
    }
    Function<CoreRequest, CoreResult> h = e.handlers().get(request.method());
    if (h == null) {
      throw new CofferException(ErrorCode.UNSUPPORTED_OPERATION, "unsupported operation");
    }
    return Optional.of(h.apply(request));
  }

  private void add(String path, Map<RequestMethod, Function<CoreRequest, CoreResult>> handlers) {
    table.put(path, new Endpoint(Map.copyOf(handlers)));
  }

  private CoreResult health(CoreRequest r) {
    var seals = controls.seals();
    boolean initialized = seals.initialized();
    boolean sealed = seals.sealed();
    int status;
    if (!initialized) {
      status = code(r, "uninitcode", 501);
    } else if (sealed) {
      status = code(r, "sealedcode", 503);
    } else {
      status = code(r, "activecode", 200);
    }
    code(r, "standbycode", 429); // validated; this server is never a standby
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("initialized", initialized);
    body.put("sealed", sealed);
    body.put("standby", false);
    body.put("performance_standby", false);
    body.put("replication_performance_mode", "disabled");
    body.put("replication_dr_mode", "disabled");
    body.put("server_time_utc", controls.clock().instant().getEpochSecond());
    body.put("version", Version.version());
    body.put("audit_devices_down", controls.auditDevicesDown());
    controls
        .cluster()
        .ifPresent(
            c -> {
              body.put("cluster_name", c.name());
              body.put("cluster_id", c.id());
            });
    return new CoreResult.Raw(r.requestId(), status, body);
  }

  private CoreResult leader(CoreRequest r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ha_enabled", false);
    body.put("is_self", false);
    body.put("leader_address", "");
    body.put("leader_cluster_address", "");
    body.put("performance_standby", false);
    return new CoreResult.Raw(r.requestId(), 200, body);
  }

  /** A status-code override from the query, e.g. {@code ?sealedcode=200}. */
  private static int code(CoreRequest r, String name, int fallback) {
    Object v = r.data().get(name);
    if (v == null || v.toString().isBlank()) {
      return fallback;
    }
    try {
      int code = Integer.parseInt(v.toString().trim());
      if (code < 100 || code > 599) {
        throw new NumberFormatException();
      }
      return code;
    } catch (NumberFormatException e) {
      throw CofferException.invalid("invalid value for \"" + name + "\": expected a status code");
    }
  }
}
