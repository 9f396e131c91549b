package dev.coffer.auth.approle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AppRole role as stored (without its role id, which is stored separately).
 *
 * @param name the role's name (lower case)
 * @param roleId the role's role id (not secret by itself, but only shown to authorized readers)
 * @param bindSecretId whether login needs a secret id
 * @param secretIdBoundCidrs where secret ids of this role may be used from
 * @param secretIdNumUses default and maximum uses of a secret id (0: unlimited)
 * @param secretIdTtl default and maximum TTL of a secret id, in seconds (0: never expires)
 * @param tokenPolicies the policies of issued tokens
 * @param tokenTtl the TTL of issued tokens, in seconds (0: mount default)
 * @param tokenMaxTtl the max TTL of issued tokens, in seconds (0: mount maximum)
 * @param tokenPeriod the period of issued tokens, in seconds (0: not periodic)
 * @param tokenNumUses uses of issued tokens (0: unlimited)
 * @param tokenBoundCidrs where issued tokens may be used from
 * @param tokenNoDefaultPolicy whether issued tokens lack the {@code default} policy
 */
record Role(
    String name,
    String roleId,
    boolean bindSecretId,
    List<String> secretIdBoundCidrs,
    long secretIdNumUses,
    long secretIdTtl,
    List<String> tokenPolicies,
    long tokenTtl,
    long tokenMaxTtl,
    long tokenPeriod,
    long tokenNumUses,
    List<String> tokenBoundCidrs,
    boolean tokenNoDefaultPolicy) {

  Role {
    secretIdBoundCidrs = List.copyOf(secretIdBoundCidrs);
    tokenPolicies = List.copyOf(tokenPolicies);
    tokenBoundCidrs = List.copyOf(tokenBoundCidrs);
  }

  /** The role as {@code GET role/:name} shows it (without the role id). */
  Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bind_secret_id", bindSecretId);
    m.put("local_secret_ids", false);
    m.put("policies", tokenPolicies);
    m.put("secret_id_bound_cidrs", secretIdBoundCidrs);
    m.put("secret_id_num_uses", secretIdNumUses);
    m.put("secret_id_ttl", secretIdTtl);
    m.put("token_bound_cidrs", tokenBoundCidrs);
    m.put("token_explicit_max_ttl", 0);
    m.put("token_max_ttl", tokenMaxTtl);
    m.put("token_no_default_policy", tokenNoDefaultPolicy);
    m.put("token_num_uses", tokenNumUses);
    m.put("token_period", tokenPeriod);
    m.put("period", tokenPeriod);
    m.put("token_policies", tokenPolicies);
    m.put("token_ttl", tokenTtl);
    m.put("token_type", "default");
    return m;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>(view());
    m.put("name", name);
    m.put("role_id", roleId);
    return m;
  }

  @SuppressWarnings("unchecked")
  static Role fromJson(Map<String, Object> m) {
    return new Role(
        (String) m.get("name"),
        (String) m.get("role_id"),
        Boolean.TRUE.equals(m.get("bind_secret_id")),
        (List<String>) m.get("secret_id_bound_cidrs"),
        num(m, "secret_id_num_uses"),
        num(m, "secret_id_ttl"),
        (List<String>) m.get("token_policies"),
        num(m, "token_ttl"),
        num(m, "token_max_ttl"),
        num(m, "token_period"),
        num(m, "token_num_uses"),
        (List<String>) m.get("token_bound_cidrs"),
        Boolean.TRUE.equals(m.get("token_no_default_policy")));
  }

  static long num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
