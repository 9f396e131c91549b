package dev.coffer.server.core;

import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.Operation;
import java.time.Instant;
import java.util.Map;

/**
 * One request as the audit trail sees it. Holds request data that may be secret: an audit device
 * must hash every value before it writes anything.
 *
 * @param requestId the request's id
 * @param time when the request arrived
 * @param operation the resolved operation
 * @param path the full request path, e.g. {@code secret/data/app}
 * @param mountPath the mount that serves it, e.g. {@code secret/}
 * @param mountType the engine type of that mount, e.g. {@code kv}
 * @param data the request data after field conversion (secret)
 * @param client who sent it (never the token itself)
 * @param breakGlass {@code {id, reason}} when the token is a break-glass grant token (every entry
 *     of the request is tagged with it), else empty
 */
public record AuditedCall(
    String requestId,
    Instant time,
    Operation operation,
    String path,
    String mountPath,
    String mountType,
    Map<String, Object> data,
    ClientInfo client,
    Map<String, String> breakGlass) {
  public AuditedCall {
    breakGlass = breakGlass == null ? Map.of() : Map.copyOf(breakGlass);
  }

  /** A call made with an ordinary token. */
  public AuditedCall(
      String requestId,
      Instant time,
      Operation operation,
      String path,
      String mountPath,
      String mountType,
      Map<String, Object> data,
      ClientInfo client) {
    this(requestId, time, operation, path, mountPath, mountType, data, client, Map.of());
  }

  @Override
  public String toString() {
    return "AuditedCall[" + requestId + " " + operation + " " + path + "]";
  }
}
