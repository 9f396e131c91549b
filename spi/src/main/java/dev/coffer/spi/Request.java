package dev.coffer.spi;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request as an engine sees it, after routing and field conversion.
 *
 * @param requestId the id the server gave this request (also in the response and audit log)
 * @param operation what the client asks to do
 * @param mountPath where the engine is mounted, with a trailing {@code /} (e.g. {@code secret/})
 * @param path the path relative to the mount, without leading or trailing {@code /}
 * @param params the pattern parameters of the matched {@link PathSpec}
 * @param data the request's fields: the JSON body merged with query parameters, converted to the
 *     types the {@link PathSpec} declares
 * @param client who sent it
 */
public record Request(
    String requestId,
    Operation operation,
    String mountPath,
    String path,
    Map<String, String> params,
    Map<String, Object> data,
    ClientInfo client) {

  public Request {
    Objects.requireNonNull(operation, "operation");
    requestId = Objects.requireNonNullElse(requestId, "");
    mountPath = Objects.requireNonNullElse(mountPath, "");
    path = Objects.requireNonNullElse(path, "");
    params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    client = client == null ? ClientInfo.anonymous() : client;
  }

  /** The pattern parameter {@code name}, or {@code ""} if the pattern has none of that name. */
  public String param(String name) {
    return params.getOrDefault(name, "");
  }

  /** Whether the client sent the field at all. */
  public boolean has(String name) {
    return data.containsKey(name) && data.get(name) != null;
  }

  /** A {@link FieldType#STRING} field, or {@code fallback} if absent. */
  public String string(String name, String fallback) {
    Object v = data.get(name);
    return v == null ? fallback : v.toString();
  }

  /** A {@link FieldType#INT} field, or {@code fallback} if absent. */
  public long integer(String name, long fallback) {
    Object v = data.get(name);
    return v instanceof Number n ? n.longValue() : fallback;
  }

  /** A {@link FieldType#BOOL} field, or {@code fallback} if absent. */
  public boolean bool(String name, boolean fallback) {
    Object v = data.get(name);
    return v instanceof Boolean b ? b : fallback;
  }

  /** A {@link FieldType#DURATION} field, or {@code fallback} if absent. */
  public Duration duration(String name, Duration fallback) {
    Object v = data.get(name);
    return v instanceof Duration d ? d : fallback;
  }

  /** A {@link FieldType#MAP} or {@link FieldType#STRING_MAP} field, or {@code null} if absent. */
  @SuppressWarnings("unchecked")
  public <V> Map<String, V> map(String name) {
    Object v = data.get(name);
    return v instanceof Map<?, ?> m ? (Map<String, V>) m : null;
  }

  /** A {@link FieldType#STRING_LIST} or {@link FieldType#INT_LIST} field, or an empty list. */
  @SuppressWarnings("unchecked")
  public <E> List<E> list(String name) {
    Object v = data.get(name);
    return v instanceof List<?> l ? (List<E>) l : List.of();
  }

  /** A copy of this request with other data, e.g. after a handler merged a patch. */
  public Request withData(Map<String, Object> newData) {
    return new Request(requestId, operation, mountPath, path, params, newData, client);
  }
}
