package dev.coffer.server.core.audit;

import dev.coffer.server.core.AuditedCall;
import dev.coffer.server.core.wrapping.WrapInfo;
import dev.coffer.spi.AuthResult;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the audit entries of one device, in Vault's shape: {@code type, time, auth, request,
 * response, error}. Request and response data are hashed with the device's {@link AuditHasher}; the
 * chain fields ({@code seq, prev_hash}) are added by the device when it writes.
 */
final class AuditEntries {
  private final AuditHasher hasher;
  private final boolean hmacAccessor;

  AuditEntries(AuditHasher hasher, boolean hmacAccessor) {
    this.hasher = hasher;
    this.hmacAccessor = hmacAccessor;
  }

  /** The entry written before a request is authorized and served. */
  Map<String, Object> request(AuditedCall call) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", "request");
    e.put("time", call.time().toString());
    e.put("auth", auth(call.client()));
    e.put("request", request(call, call.client()));
    e.put("error", "");
    return e;
  }

  /** The entry written after: the response data hashed, or the error the client was given. */
  Map<String, Object> response(
      AuditedCall call, Response response, CofferException error, Instant now) {
    return response(call, response, null, error, now);
  }

  /**
   * The entry written after a request whose response may be wrapped: {@code wrap_info} with the
   * wrapping token hashed (never in clear) and the accessors hashed like every accessor.
   */
  Map<String, Object> response(
      AuditedCall call, Response response, WrapInfo wrap, CofferException error, Instant now) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", "response");
    e.put("time", now.toString());
    e.put("auth", auth(call.client()));
    e.put("request", request(call, call.client()));
    Map<String, Object> r = new LinkedHashMap<>();
    if (response != null) {
      r.put("data", hasher.hashMap(response.data()));
      if (response.auth() != null) {
        r.put("auth", issued(response.auth()));
      }
      if (!response.warnings().isEmpty()) {
        r.put("warnings", response.warnings());
      }
    }
    if (wrap != null) {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("token", hasher.hash(wrap.token()));
      w.put("accessor", accessor(wrap.accessor()));
      w.put("ttl", wrap.ttl());
      w.put("creation_time", wrap.creationTime().toString());
      w.put("creation_path", wrap.creationPath());
      if (!wrap.wrappedAccessor().isEmpty()) {
        w.put("wrapped_accessor", accessor(wrap.wrappedAccessor()));
      }
      r.put("wrap_info", w);
    }
    e.put("response", r);
    e.put("error", error == null ? "" : String.join("; ", error.errors()));
    return e;
  }

  /**
   * A warning entry (e.g. a read-rate anomaly): {@code type: "warning"}, its kind, and fields that
   * are never secret values; {@code accessor} is hashed like every other accessor.
   */
  Map<String, Object> warning(
      String kind, String accessor, Map<String, Object> fields, Instant now) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", "warning");
    e.put("time", now.toString());
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("kind", kind);
    w.put("accessor", accessor(accessor));
    w.putAll(fields);
    e.put("warning", w);
    return e;
  }

  /** A chain header (see {@link AuditChain}). */
  static Map<String, Object> header(
      String device, String saltId, String reason, String previousFile, Instant now) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", AuditChain.HEADER_TYPE);
    e.put("time", now.toString());
    e.put("device", device);
    e.put("salt_id", saltId);
    e.put("reason", reason);
    if (previousFile != null && !previousFile.isEmpty()) {
      e.put("previous_file", previousFile);
    }
    return e;
  }

  /** The {@code auth} block of a response that issued a token: the token itself hashed. */
  private Map<String, Object> issued(AuthResult auth) {
    Map<String, Object> a = new LinkedHashMap<>();
    String token = auth.clientToken() == null ? "" : auth.clientToken();
    a.put("client_token", token.isEmpty() ? "" : hasher.hash(token));
    a.put("accessor", accessor(auth.accessor() == null ? "" : auth.accessor()));
    a.put("policies", auth.policies());
    a.put("token_policies", auth.tokenPolicies());
    a.put("metadata", auth.metadata());
    a.put("entity_id", auth.entityId());
    a.put("token_type", auth.tokenType());
    a.put("token_ttl", auth.leaseDuration());
    return a;
  }

  private Map<String, Object> auth(ClientInfo client) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("accessor", accessor(client.tokenAccessor()));
    a.put("display_name", client.displayName());
    a.put("policies", client.policies());
    a.put("entity_id", client.entityId());
    return a;
  }

  private Map<String, Object> request(AuditedCall call, ClientInfo client) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", call.requestId());
    r.put("operation", call.operation().name().toLowerCase(Locale.ROOT));
    if (!client.tokenAccessor().isEmpty()) {
      r.put("client_token_accessor", accessor(client.tokenAccessor()));
    }
    r.put("path", call.path());
    r.put("mount_point", call.mountPath());
    r.put("mount_type", call.mountType());
    r.put("remote_address", client.remoteAddress());
    r.put("data", hasher.hashMap(call.data()));
    if (!call.breakGlass().isEmpty()) {
      r.put("break_glass", new java.util.TreeMap<>(call.breakGlass()));
    }
    return r;
  }

  private String accessor(String accessor) {
    if (accessor.isEmpty()) {
      return "";
    }
    return hmacAccessor ? hasher.hash(accessor) : accessor;
  }
}
