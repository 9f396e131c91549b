package dev.coffer.auth.userpass;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A userpass user as stored.
 *
 * @param name the user name (lower case)
 * @param passwordHash the Argon2id hash of the password (PHC string), never shown
 * @param tokenPolicies the policies of issued tokens
 * @param tokenTtl the TTL of issued tokens, in seconds (0: mount default)
 * @param tokenMaxTtl the max TTL of issued tokens, in seconds (0: mount maximum)
 * @param tokenPeriod the period of issued tokens, in seconds (0: not periodic)
 * @param tokenNumUses uses of issued tokens (0: unlimited)
 * @param tokenBoundCidrs where the user may log in from and issued tokens may be used from
 * @param tokenNoDefaultPolicy whether issued tokens lack the {@code default} policy
 */
record User(
    String name,
    String passwordHash,
    List<String> tokenPolicies,
    long tokenTtl,
    long tokenMaxTtl,
    long tokenPeriod,
    long tokenNumUses,
    List<String> tokenBoundCidrs,
    boolean tokenNoDefaultPolicy) {

  User {
    tokenPolicies = List.copyOf(tokenPolicies);
    tokenBoundCidrs = List.copyOf(tokenBoundCidrs);
  }

  /** This user with another password hash. */
  User withPasswordHash(String hash) {
    return new User(
        name,
        hash,
        tokenPolicies,
        tokenTtl,
        tokenMaxTtl,
        tokenPeriod,
        tokenNumUses,
        tokenBoundCidrs,
        tokenNoDefaultPolicy);
  }

  /** This user with other token policies. */
  User withPolicies(List<String> policies) {
    return new User(
        name,
        passwordHash,
        policies,
        tokenTtl,
        tokenMaxTtl,
        tokenPeriod,
        tokenNumUses,
        tokenBoundCidrs,
        tokenNoDefaultPolicy);
  }

  /** The user as {@code GET users/:username} shows it (never the password hash). */
  Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policies", tokenPolicies);
    m.put("token_bound_cidrs", tokenBoundCidrs);
    m.put("token_explicit_max_ttl", 0);
    m.put("token_max_ttl", tokenMaxTtl);
    m.put("token_no_default_policy", tokenNoDefaultPolicy);
    m.put("token_num_uses", tokenNumUses);
    m.put("token_period", tokenPeriod);
    m.put("token_policies", tokenPolicies);
    m.put("token_ttl", tokenTtl);
    m.put("token_type", "default");
    return m;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>(view());
    m.put("name", name);
    m.put("password_hash", passwordHash);
    return m;
  }

  @SuppressWarnings("unchecked")
  static User fromJson(Map<String, Object> m) {
    return new User(
        (String) m.get("name"),
        (String) m.get("password_hash"),
        (List<String>) m.get("token_policies"),
        num(m, "token_ttl"),
        num(m, "token_max_ttl"),
        num(m, "token_period"),
        num(m, "token_num_uses"),
        (List<String>) m.get("token_bound_cidrs"),
        Boolean.TRUE.equals(m.get("token_no_default_policy")));
  }

  private static long num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
