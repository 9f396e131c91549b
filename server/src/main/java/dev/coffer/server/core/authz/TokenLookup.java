package dev.coffer.server.core.authz;

import java.util.List;
import java.util.Optional;

/**
 * Finds a token's policies and entity by token id or accessor, for {@code sys/capabilities} and
 * {@code sys/capabilities-accessor}. The core wires it to its token store.
 */
public interface TokenLookup {

  /** Looks tokens up in {@code store}. */
  static TokenLookup over(dev.coffer.server.core.token.TokenStore store) {
    return new TokenLookup() {
      @Override
      public Optional<Holder> byId(String tokenId) {
        return store.lookup(tokenId).map(t -> new Holder(t.policies(), t.entityId()));
      }

      @Override
      public Optional<Holder> byAccessor(String accessor) {
        return store.lookupByAccessor(accessor).map(t -> new Holder(t.policies(), t.entityId()));
      }
    };
  }

  /** The holder of the valid token with this id. */
  Optional<Holder> byId(String tokenId);

  /** The holder of the valid token with this accessor. */
  Optional<Holder> byAccessor(String accessor);

  /**
   * What access checks need to know about a token.
   *
   * @param policies the policies the token carries
   * @param entityId its entity, or {@code ""}
   */
  record Holder(List<String> policies, String entityId) {
    public Holder {
      policies = List.copyOf(policies);
      entityId = entityId == null ? "" : entityId;
    }
  }
}
