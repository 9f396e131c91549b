package dev.coffer.server.core.breakglass;

import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.List;

/**
 * The {@code sys/break-glass/...} paths. Every one needs a token; {@code config}, {@code approve},
 * {@code deny}, {@code revoke}, {@code lookup} and {@code requests}/{@code list} also need {@code
 * sudo}. {@code request} and {@code claim} need only {@code update} (a requester proves a fresh
 * TOTP code instead).
 */
public final class BreakGlassPaths {
  private final BreakGlass breakGlass;

  /** The paths of this workflow. */
  public BreakGlassPaths(BreakGlass breakGlass) {
    this.breakGlass = breakGlass;
  }

  /** The path specs, relative to {@code sys/}. */
  public List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("break-glass/config")
            .field("max_ttl", FieldType.DURATION, "the longest window a request may ask for")
            .field("required_approvals", FieldType.INT, "approvals needed from other operators")
            .field("policies", FieldType.STRING_LIST, "the break-glass-only policies")
            .field("webhook_urls", FieldType.STRING_LIST, "where notifications are sent")
            .field("webhook_secret", FieldType.STRING, "HMAC-SHA256 key of the signatures")
            .on(Operation.READ, r -> Response.of(breakGlass.config()))
            .on(Operation.UPDATE, this::configure)
            .on(Operation.CREATE, this::configure)
            .sudo()
            .description("reads or writes the break-glass configuration")
            .build(),
        PathSpec.builder("break-glass/request")
            .field("reason", FieldType.STRING, "why break-glass access is needed (required)")
            .field("policies", FieldType.STRING_LIST, "break-glass policies to grant")
            .field("paths", FieldType.STRING_LIST, "paths to grant through a generated policy")
            .field("capabilities", FieldType.STRING_LIST, "capabilities on paths (default read)")
            .field("ttl", FieldType.DURATION, "the window (at most max_ttl)")
            .field("mfa_code", FieldType.STRING, "a fresh TOTP code (or X-Coffer-MFA)")
            .on(Operation.UPDATE, this::request)
            .on(Operation.CREATE, this::request)
            .description("asks for break-glass access")
            .build(),
        action("approve", "approves a pending break-glass request", true, this::approve),
        action("deny", "denies a pending break-glass request", true, this::deny),
        action("revoke", "revokes a break-glass grant and its token", true, this::revoke),
        action("claim", "takes the token of a granted break-glass request", false, this::claim),
        PathSpec.builder("break-glass/lookup/{id}")
            .on(Operation.READ, r -> Response.of(breakGlass.lookup(r.param("id"))))
            .sudo()
            .description("shows one break-glass request (never its token)")
            .build(),
        PathSpec.builder("break-glass/requests")
            .on(Operation.LIST, r -> Response.of(breakGlass.list()))
            .on(Operation.READ, r -> Response.of(breakGlass.list()))
            .sudo()
            .description("lists break-glass requests")
            .build(),
        PathSpec.builder("break-glass/list")
            .on(Operation.READ, r -> Response.of(breakGlass.list()))
            .on(Operation.LIST, r -> Response.of(breakGlass.list()))
            .sudo()
            .description("lists break-glass requests")
            .build());
  }

  private static PathSpec action(
      String name, String description, boolean sudo, dev.coffer.spi.Handler handler) {
    PathSpec.Builder b =
        PathSpec.builder("break-glass/" + name + "/{id}")
            .on(Operation.UPDATE, handler)
            .on(Operation.CREATE, handler)
            .description(description);
    return (sudo ? b.sudo() : b).build();
  }

  private Response configure(Request r) {
    breakGlass.configure(r.data());
    return Response.empty();
  }

  private Response request(Request r) {
    return answer(breakGlass.request(r.requestId(), r.client(), r.data()));
  }

  private Response approve(Request r) {
    return Response.of(breakGlass.approve(r.param("id"), r.client()));
  }

  private Response deny(Request r) {
    return Response.of(breakGlass.deny(r.param("id"), r.client()));
  }

  private Response revoke(Request r) {
    return Response.of(breakGlass.revoke(r.param("id"), r.client()));
  }

  private Response claim(Request r) {
    return answer(breakGlass.claim(r.param("id"), r.client()));
  }

  private static Response answer(BreakGlass.Grant g) {
    Response out = Response.of(g.view());
    return g.auth() == null ? out : out.withAuth(g.auth());
  }
}
