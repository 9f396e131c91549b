package dev.coffer.server.http;

import dev.coffer.server.core.CoreResult;
import dev.coffer.server.core.wrapping.WrapInfo;
import dev.coffer.spi.AuthResult;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Response;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link CoreResult} as Vault does: the envelope (with {@code lease_id}, {@code
 * renewable} and {@code lease_duration} of a leased secret), {@code {"errors":[...]}}, or raw.
 */
final class ResponseWriter {
  static final String JSON = "application/json";

  private ResponseWriter() {}

  static void write(Context ctx, CoreResult result) {
    boolean head = "HEAD".equalsIgnoreCase(ctx.req().getMethod());
    if (result instanceof CoreResult.Ok ok) {
      writeOk(ctx, ok, head);
    } else if (result instanceof CoreResult.Failed failed) {
      writeFailed(ctx, failed.requestId(), failed.error(), head);
    } else if (result instanceof CoreResult.Raw raw) {
      send(ctx, raw.status(), raw.body(), head);
    } else {
      throw new IllegalStateException("no result");
    }
  }

  private static void writeOk(Context ctx, CoreResult.Ok ok, boolean head) {
    if (ok.wrapInfo() != null) {
      Map<String, Object> env = envelope(ok.requestId(), null, List.of());
      env.put("wrap_info", wrapInfo(ok.wrapInfo()));
      send(ctx, 200, env, head);
      return;
    }
    Response r = ok.response() == null ? Response.empty() : ok.response();
    if (r.data() == null && r.warnings().isEmpty() && r.auth() == null && r.lease() == null) {
      ctx.status(204);
      return;
    }
    Map<String, Object> env = envelope(ok.requestId(), r.data(), r.warnings());
    if (r.lease() != null) {
      env.put("lease_id", r.lease().leaseId());
      env.put("renewable", r.lease().renewable());
      env.put("lease_duration", r.lease().ttl().getSeconds());
    }
    env.put("auth", r.auth() == null ? null : auth(r.auth()));
    send(ctx, 200, env, head);
  }

  static void writeFailed(Context ctx, String requestId, CofferException e, boolean head) {
    int status = ErrorStatus.of(e.code());
    if (e.data() != null) {
      send(ctx, status, envelope(requestId, e.data(), List.of()), head);
    } else {
      send(ctx, status, Map.of("errors", e.errors()), head);
    }
  }

  static void writeErrors(Context ctx, int status, List<String> errors) {
    send(ctx, status, Map.of("errors", errors), "HEAD".equalsIgnoreCase(ctx.req().getMethod()));
  }

  /** Vault's envelope; every field present, {@code null} where Vault shows null. */
  static Map<String, Object> envelope(
      String requestId, Map<String, Object> data, List<String> warnings) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("request_id", requestId);
    env.put("lease_id", "");
    env.put("renewable", false);
    env.put("lease_duration", 0);
    env.put("data", data);
    env.put("wrap_info", null);
    env.put("warnings", warnings == null || warnings.isEmpty() ? null : warnings);
    env.put("auth", null);
    return env;
  }

  /** Vault's {@code wrap_info}; {@code wrapped_accessor} only for a wrapped {@code auth} block. */
  static Map<String, Object> wrapInfo(WrapInfo w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("token", w.token());
    m.put("accessor", w.accessor());
    m.put("ttl", w.ttl());
    m.put("creation_time", w.creationTime().toString());
    m.put("creation_path", w.creationPath());
    if (!w.wrappedAccessor().isEmpty()) {
      m.put("wrapped_accessor", w.wrappedAccessor());
    }
    return m;
  }

  /** Vault's {@code auth} block. */
  static Map<String, Object> auth(AuthResult a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("client_token", a.clientToken());
    m.put("accessor", a.accessor());
    m.put("policies", a.policies());
    m.put("token_policies", a.tokenPolicies());
    m.put("identity_policies", a.identityPolicies());
    m.put("metadata", a.metadata());
    m.put("lease_duration", a.leaseDuration());
    m.put("renewable", a.renewable());
    m.put("entity_id", a.entityId());
    m.put("token_type", a.tokenType());
    m.put("orphan", a.orphan());
    m.put("num_uses", a.numUses());
    if (a.mfaRequirement() != null) {
      m.put("mfa_requirement", a.mfaRequirement());
    }
    return m;
  }

  private static void send(Context ctx, int status, Object body, boolean head) {
    ctx.status(status);
    ctx.header("Cache-Control", "no-store");
    if (body == null) {
      return;
    }
    ctx.contentType(JSON);
    if (!head) {
      writeBody(ctx, Json.bytes(body));
    }
  }

  /**
   * Writes the body straight to the servlet's stream. ({@code ctx.result} would have Javalin copy
   * it through a new 32 KiB buffer per response, most of what a small request allocates.) A client
   * that went away cannot be answered any more, so a failed write ends the response quietly.
   */
  private static void writeBody(Context ctx, byte[] body) {
    HttpServletResponse res = ctx.res();
    res.setContentLength(body.length);
    try {
      res.getOutputStream().write(body);
    } catch (IOException e) {
      // The connection is gone; Jetty closes it.
    }
  }
}
