package dev.coffer.server.core.token;

import dev.coffer.spi.AuthResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Renders tokens in Vault's shapes: the lookup {@code data} and the {@code auth} block. */
final class TokenViews {
  private TokenViews() {}

  /**
   * The {@code data} of {@code lookup}, {@code lookup-self} and {@code lookup-accessor}.
   *
   * @param id the raw token id when the caller presented it, or {@code ""} (lookup-accessor)
   */
  static Map<String, Object> lookup(String id, TokenEntry e, Instant now) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("accessor", e.accessor());
    d.put("creation_time", e.creationTime().getEpochSecond());
    d.put("creation_ttl", e.creationTtl());
    d.put("display_name", e.displayName());
    d.put("entity_id", e.entityId());
    d.put("expire_time", e.expireTime() == null ? null : e.expireTime().toString());
    d.put("explicit_max_ttl", e.explicitMaxTtl());
    d.put("id", id);
    d.put("issue_time", e.creationTime().toString());
    if (e.lastRenewal() != null) {
      d.put("last_renewal", e.lastRenewal().toString());
      d.put("last_renewal_time", e.lastRenewal().getEpochSecond());
    }
    d.put("meta", e.meta().isEmpty() ? null : new TreeMap<>(e.meta()));
    d.put("num_uses", e.usesLeft());
    d.put("orphan", e.orphan());
    d.put("path", e.path());
    if (e.period() > 0) {
      d.put("period", e.period());
    }
    d.put("policies", e.policies());
    d.put("renewable", e.renewable());
    if (!e.role().isEmpty()) {
      d.put("role", e.role());
    }
    if (!e.boundCidrs().isEmpty()) {
      d.put("bound_cidrs", e.boundCidrs());
    }
    d.put("ttl", e.ttlAt(now));
    d.put("type", "service");
    return d;
  }

  /** The {@code auth} block for a token just created or renewed. */
  static AuthResult auth(String id, TokenEntry e, Instant now) {
    return new AuthResult(
        id,
        e.accessor(),
        e.policies(),
        e.policies(),
        null,
        e.meta().isEmpty() ? null : new TreeMap<>(e.meta()),
        e.ttlAt(now),
        e.renewable(),
        e.entityId(),
        "service",
        e.orphan(),
        e.usesLeft());
  }
}
