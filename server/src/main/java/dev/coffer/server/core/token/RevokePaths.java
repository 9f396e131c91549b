package dev.coffer.server.core.token;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.List;

/**
 * {@code auth/token/revoke} ({@code {token}}), {@code revoke-self}, {@code revoke-accessor} ({@code
 * {accessor}}): revoke the token and its whole subtree. {@code revoke-orphan} ({@code {token}},
 * root only) revokes the token alone and makes its children orphans.
 */
final class RevokePaths {
  private final TokenStore store;
  private final CallerTokens callers;

  RevokePaths(TokenStore store, CallerTokens callers) {
    this.store = store;
    this.callers = callers;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("revoke")
            .field("token", FieldType.STRING)
            .on(Operation.UPDATE, this::revoke)
            .description("revokes a token and its children")
            .build(),
        PathSpec.builder("revoke-self")
            .on(Operation.UPDATE, this::revokeSelf)
            .description("revokes the caller's token and its children")
            .build(),
        PathSpec.builder("revoke-accessor")
            .field("accessor", FieldType.STRING)
            .on(Operation.UPDATE, this::revokeAccessor)
            .description("revokes the token with this accessor and its children")
            .build(),
        PathSpec.builder("revoke-orphan")
            .field("token", FieldType.STRING)
            .on(Operation.UPDATE, this::revokeOrphan)
            .description("revokes a token; its children become orphans")
            .build());
  }

  private Response revoke(Request r) {
    store.revokeTree(store.hash(token(r)));
    return Response.empty();
  }

  private Response revokeSelf(Request r) {
    store.revokeTree(store.hash(callers.require(r.requestId()).id()));
    return Response.empty();
  }

  private Response revokeAccessor(Request r) {
    TokenStore.Stored s =
        store
            .storedByAccessor(r.string("accessor", ""))
            .orElseThrow(() -> CofferException.invalid("invalid accessor"));
    store.revokeTree(s.idHash());
    return Response.empty();
  }

  private Response revokeOrphan(Request r) {
    String id = token(r);
    if (!callers.require(r.requestId()).entry().policies().contains(TokenPolicies.ROOT)) {
      throw CofferException.invalid("root or sudo privileges required to revoke and orphan");
    }
    store.revokeOrphan(store.hash(id));
    return Response.empty();
  }

  private static String token(Request r) {
    String id = r.string("token", "");
    if (id.isEmpty()) {
      throw CofferException.invalid("missing token");
    }
    return id;
  }
}
