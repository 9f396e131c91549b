package dev.coffer.server.core.breakglass;

import dev.coffer.server.core.policy.store.PolicyStore;
import dev.coffer.server.core.token.TokenEntry;
import dev.coffer.server.core.token.TokenIds;
import dev.coffer.server.core.token.TokenStore;
import dev.coffer.spi.AuthResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Puts in place and takes away what a grant gives: the policy generated for its paths, and its
 * token. The token is an orphan owned by the requester's entity, carrying the granted policies and
 * {@code default}, tagged with {@code break_glass_id}/{@code break_glass_reason}, living for what
 * is left of the window, not renewable, and issued past the token store's issuance guard.
 */
final class GrantAccess {
  private final PolicyStore policies;
  private final TokenStore tokens;

  GrantAccess(PolicyStore policies, TokenStore tokens) {
    this.policies = policies;
    this.tokens = tokens;
  }

  /** Writes the policy generated for the grant's paths, if it names any. */
  void writePolicy(BreakGlassGrant g) {
    if (!g.paths.isEmpty()) {
      policies.put(g.generatedPolicy(), BreakGlassPolicies.generatedText(g.paths, g.capabilities));
    }
  }

  /**
   * Issues the grant's token at {@code now} and records its accessor on {@code g} (which counts as
   * claimed); answers the token's auth block, the only place its id appears.
   */
  AuthResult issueToken(BreakGlassGrant g, Instant now) {
    long ttl = Math.max(1, g.expireTime.getEpochSecond() - now.getEpochSecond());
    TreeSet<String> granted = new TreeSet<>(g.grantedPolicies());
    granted.add("default");
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("break_glass_id", g.id);
    meta.put("break_glass_reason", g.reason);
    TokenEntry entry =
        new TokenEntry(
            TokenIds.newAccessor(),
            List.copyOf(granted),
            meta,
            "token-break-glass",
            0,
            now,
            ttl,
            now.plusSeconds(ttl),
            ttl,
            0,
            false,
            "",
            "sys/break-glass/request",
            g.requester.entityId(),
            "",
            List.of(),
            null);
    String tokenId = tokens.issueUnguarded(entry);
    g.tokenAccessor = entry.accessor();
    g.claimed = true;
    return new AuthResult(
        tokenId,
        entry.accessor(),
        entry.policies(),
        entry.policies(),
        null,
        entry.meta(),
        ttl,
        false,
        entry.entityId(),
        "service",
        true,
        0);
  }

  /** Revokes the grant's token, if one was issued, and deletes its generated policy, if any. */
  void takeAway(BreakGlassGrant g) {
    if (!g.tokenAccessor.isEmpty()) {
      tokens.revokeByAccessor(g.tokenAccessor);
    }
    if (!g.paths.isEmpty()) {
      policies.delete(g.generatedPolicy());
    }
  }
}
