package dev.coffer.server.core.token;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.List;

/**
 * {@code auth/token/lookup} ({@code {token}}), {@code lookup-self} and {@code lookup-accessor}
 * ({@code {accessor}}). The id is shown only to a caller that presented the token itself.
 */
final class LookupPaths {
  private final TokenStore store;
  private final CallerTokens callers;

  LookupPaths(TokenStore store, CallerTokens callers) {
    this.store = store;
    this.callers = callers;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("lookup")
            .field("token", FieldType.STRING)
            .on(Operation.UPDATE, this::lookup)
            .description("looks up a token")
            .build(),
        PathSpec.builder("lookup-self")
            .on(Operation.READ, this::lookupSelf)
            .on(Operation.UPDATE, this::lookupSelf)
            .description("looks up the caller's token")
            .build(),
        PathSpec.builder("lookup-accessor")
            .field("accessor", FieldType.STRING)
            .on(Operation.UPDATE, this::lookupAccessor)
            .description("looks up a token by its accessor")
            .build());
  }

  private Response lookup(Request r) {
    String id = r.string("token", "");
    if (id.isEmpty()) {
      throw CofferException.invalid("missing token");
    }
    TokenEntry e =
        store
            .lookup(id)
            .orElseThrow(() -> new CofferException(ErrorCode.PERMISSION_DENIED, "bad token"));
    return Response.of(TokenViews.lookup(id, e, store.clock().instant()));
  }

  private Response lookupSelf(Request r) {
    CallerTokens.Caller caller = callers.require(r.requestId());
    return Response.of(TokenViews.lookup(caller.id(), caller.entry(), store.clock().instant()));
  }

  private Response lookupAccessor(Request r) {
    TokenStore.Stored s =
        store
            .findByAccessor(r.string("accessor", ""))
            .orElseThrow(() -> CofferException.invalid("invalid accessor"));
    return Response.of(TokenViews.lookup("", s.entry(), store.clock().instant()));
  }
}
