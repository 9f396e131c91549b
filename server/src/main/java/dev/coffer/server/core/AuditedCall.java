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
 */
public record AuditedCall(
    String requestId,
    Instant time,
    Operation operation,
    String path,
    String mountPath,
    String mountType,
    Map<String, Object> data,
    ClientInfo client) {
  @Override
  public String toString() {
    return "AuditedCall[" + requestId + " " + operation + " " + path + "]";
  }
}
