package dev.coffer.server.core;

import dev.coffer.server.core.audit.AuditBroker;
import dev.coffer.server.core.authz.PolicyAccessControl;
import dev.coffer.server.core.breakglass.BreakGlassTag;
import dev.coffer.server.core.lease.LeaseManager;
import dev.coffer.server.core.mount.Dispatch;
import dev.coffer.server.core.mount.MountedEngine;
import dev.coffer.server.core.mount.Mounts;
import dev.coffer.server.core.quota.QuotaGuard;
import dev.coffer.server.core.stepup.PresentedCodes;
import dev.coffer.server.core.token.CallerTokens;
import dev.coffer.server.core.token.TokenEntry;
import dev.coffer.server.core.token.TokenStore;
import dev.coffer.server.core.wrapping.ResponseWrapping;
import dev.coffer.server.core.wrapping.WrapInfo;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The path of one routed request through the core, in order: match the mount and path, authenticate
 * the token, resolve the operation (create or update), audit the request (fail closed), authorize,
 * admit (quotas), serve, issue the token of a login, store the lease of a leased secret, wrap the
 * response if asked, audit the outcome. {@link Core} runs it under its shared lock once unsealed.
 */
final class RequestPipeline {
  private static final String SYSTEM_MOUNT = "sys/";
  private final TokenStore tokens;
  private final CallerTokens callers;
  private final Mounts mounts;
  private final AuditBroker audit;
  private final PolicyAccessControl accessControl;
  private final QuotaGuard guard;
  private final LoginHandler logins;
  private final ResponseWrapping wrapping;
  private final LeaseManager leases;
  private final Clock clock;
  private final PresentedCodes mfaCodes;

  RequestPipeline(
      TokenStore tokens,
      CallerTokens callers,
      Mounts mounts,
      AuditBroker audit,
      PolicyAccessControl accessControl,
      QuotaGuard guard,
      LoginHandler logins,
      ResponseWrapping wrapping,
      LeaseManager leases,
      Clock clock,
      PresentedCodes mfaCodes) {
    this.tokens = tokens;
    this.callers = callers;
    this.mounts = mounts;
    this.audit = audit;
    this.accessControl = accessControl;
    this.guard = guard;
    this.logins = logins;
    this.wrapping = wrapping;
    this.leases = leases;
    this.clock = clock;
    this.mfaCodes = mfaCodes;
  }

  /**
   * The pipeline of a routed request: match the path, authenticate, resolve the operation, audit
   * the request, authorize, admit, serve, audit the outcome.
   */
  CoreResult route(CoreRequest request, String path) {
    Optional<Dispatch.Match> match =
        mounts.route(path).flatMap(m -> Dispatch.find(m, path, request.method()));
    boolean open = match.map(m -> m.spec().unauthenticated()).orElse(false);
    TokenEntry token;
    try {
      token = open ? null : tokens.authenticate(request.token(), request.remoteAddress());
    } catch (CofferException e) {
      CofferException refused = ResponseWrapping.refusal(path, e);
      match.ifPresent(m -> auditRefusal(request, path, m, refused));
      throw refused;
    }
    try (CallerTokens.Binding caller = callers.bind(request.requestId(), request.token(), token);
        PresentedCodes.Binding mfa = mfaCodes.bind(request.requestId(), request.mfaCode())) {
      return serve(request, path, match, token);
    } finally {
      tokens.finishUse(token);
    }
  }

  private CoreResult serve(
      CoreRequest request, String path, Optional<Dispatch.Match> match, TokenEntry token) {
    if (match.isEmpty()) {
      throw noRoute(path);
    }
    ClientInfo client =
        token == null
            ? new ClientInfo(request.remoteAddress(), "", "", List.of(), "")
            : new ClientInfo(
                request.remoteAddress(),
                token.accessor(),
                token.displayName(),
                token.policies(),
                token.entityId());
    Dispatch.Resolved resolved =
        Dispatch.resolve(
            match.get(), request.method(), request.data(), request.requestId(), client);
    AuditedCall call =
        new AuditedCall(
            request.requestId(),
            clock.instant(),
            resolved.operation(),
            path,
            resolved.request().mountPath(),
            match.get().mount().entry().type(),
            resolved.request().data(),
            client,
            BreakGlassTag.of(token));
    audit.request(call);
    try {
      accessControl.authorize(token, resolved, request.wrapTtl());
      guard.admit(resolved);
      Response response = Dispatch.invoke(resolved);
      if (response.login() != null) {
        response = logins.answer(match.get().mount().entry(), path, response.login());
      }
      if (response.lease() != null && !SYSTEM_MOUNT.equals(match.get().mount().entry().path())) {
        // Stored before anything goes out: a secret whose lease is not stored is never answered.
        String creator = token == null ? "" : tokens.idHash(request.token());
        response =
            response.withLease(
                leases.register(
                    match.get().mount().entry(),
                    resolved.request().path(),
                    creator,
                    response.lease()));
      }
      WrapInfo wrap = wrapping.apply(request.requestId(), request.wrapTtl(), path, response);
      if (wrap != null) {
        audit.response(call, null, wrap, null);
        return new CoreResult.Ok(request.requestId(), Response.empty(), wrap);
      }
      audit.response(call, response, null);
      return ok(request, response);
    } catch (CofferException e) {
      audit.response(call, null, e);
      throw e;
    } catch (RuntimeException e) {
      audit.response(call, null, new CofferException(ErrorCode.INTERNAL, "internal error"));
      throw e;
    }
  }

  /**
   * Records a request refused before it had a caller (a missing, unknown or expired token), so the
   * audit log and the access history show it too.
   */
  private void auditRefusal(
      CoreRequest request, String path, Dispatch.Match match, CofferException refused) {
    AuditedCall call =
        new AuditedCall(
            request.requestId(),
            clock.instant(),
            Dispatch.operationOf(request.method()),
            path,
            match.mount().entry().path(),
            match.mount().entry().type(),
            request.data(),
            new ClientInfo(request.remoteAddress(), "", "", List.of(), ""));
    audit.request(call);
    audit.response(call, null, refused);
  }

  private CofferException noRoute(String path) {
    Optional<MountedEngine> mount = mounts.route(path);
    if (mount.isPresent() && !mount.get().available()) {
      return new CofferException(
          ErrorCode.INTERNAL,
          "the engine of mount " + mount.get().entry().path() + " is not available");
    }
    return CofferException.withErrors(
        ErrorCode.NOT_FOUND,
        List.of("no handler for route \"" + path + "\". route entry not found."));
  }

  private static CoreResult ok(CoreRequest request, Response response) {
    return new CoreResult.Ok(request.requestId(), response);
  }
}
