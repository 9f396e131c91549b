package dev.coffer.server.core.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A token role ({@code auth/token/roles/:name}): the rules for tokens created at {@code
 * auth/token/create/:name}. Durations are in seconds.
 *
 * @param name the role's name, lower case
 * @param allowedPolicies the only policies its tokens may have (empty: any the parent may give)
 * @param disallowedPolicies policies its tokens may never have
 * @param orphan whether its tokens have no parent
 * @param renewable whether its tokens can be renewed
 * @param period the period of its tokens (0: not periodic)
 * @param explicitMaxTtl the hard lifetime limit of its tokens (0: none)
 * @param ttl the default TTL of its tokens (0: the system default)
 * @param numUses the default use limit of its tokens (0: unlimited)
 * @param noDefaultPolicy whether its tokens go without the {@code default} policy
 * @param pathSuffix appended to the creation path of its tokens
 * @param allowedEntityAliases the {@code entity_alias} values its tokens may name ({@code *} globs)
 */
record TokenRole(
    String name,
    List<String> allowedPolicies,
    List<String> disallowedPolicies,
    boolean orphan,
    boolean renewable,
    long period,
    long explicitMaxTtl,
    long ttl,
    long numUses,
    boolean noDefaultPolicy,
    String pathSuffix,
    List<String> allowedEntityAliases) {

  TokenRole {
    allowedPolicies = List.copyOf(allowedPolicies);
    disallowedPolicies = List.copyOf(disallowedPolicies);
    pathSuffix = pathSuffix == null ? "" : pathSuffix;
    allowedEntityAliases = List.copyOf(allowedEntityAliases);
  }

  /** Whether {@code alias} is one of the allowed entity aliases (case-insensitive, globs). */
  boolean allowsAlias(String alias) {
    for (String pattern : allowedEntityAliases) {
      if (pattern.equals("*") || pattern.equalsIgnoreCase(alias) || glob(pattern, alias)) {
        return true;
      }
    }
    return false;
  }

  private static boolean glob(String pattern, String value) {
    if (!pattern.contains("*")) {
      return false;
    }
    String regex =
        "\\Q" + pattern.toLowerCase(java.util.Locale.ROOT).replace("*", "\\E.*\\Q") + "\\E";
    return value.toLowerCase(java.util.Locale.ROOT).matches(regex);
  }

  /** The role as Vault shows it on {@code GET auth/token/roles/:name}. */
  Map<String, Object> toApi() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("allowed_entity_aliases", allowedEntityAliases);
    m.put("allowed_policies", allowedPolicies);
    m.put("allowed_policies_glob", List.of());
    m.put("disallowed_policies", disallowedPolicies);
    m.put("disallowed_policies_glob", List.of());
    m.put("explicit_max_ttl", explicitMaxTtl);
    m.put("name", name);
    m.put("orphan", orphan);
    m.put("path_suffix", pathSuffix);
    m.put("period", period);
    m.put("renewable", renewable);
    m.put("token_bound_cidrs", List.of());
    m.put("token_explicit_max_ttl", explicitMaxTtl);
    m.put("token_no_default_policy", noDefaultPolicy);
    m.put("token_num_uses", numUses);
    m.put("token_period", period);
    m.put("token_ttl", ttl);
    m.put("token_type", "default-service");
    return m;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("allowed_policies", allowedPolicies);
    m.put("disallowed_policies", disallowedPolicies);
    m.put("orphan", orphan);
    m.put("renewable", renewable);
    m.put("period", period);
    m.put("explicit_max_ttl", explicitMaxTtl);
    m.put("ttl", ttl);
    m.put("num_uses", numUses);
    m.put("no_default_policy", noDefaultPolicy);
    m.put("path_suffix", pathSuffix);
    m.put("allowed_entity_aliases", allowedEntityAliases);
    return m;
  }

  @SuppressWarnings("unchecked")
  static TokenRole fromJson(Map<String, Object> m) {
    return new TokenRole(
        (String) m.get("name"),
        (List<String>) m.get("allowed_policies"),
        (List<String>) m.get("disallowed_policies"),
        Boolean.TRUE.equals(m.get("orphan")),
        Boolean.TRUE.equals(m.get("renewable")),
        ((Number) m.get("period")).longValue(),
        ((Number) m.get("explicit_max_ttl")).longValue(),
        ((Number) m.get("ttl")).longValue(),
        ((Number) m.get("num_uses")).longValue(),
        Boolean.TRUE.equals(m.get("no_default_policy")),
        (String) m.get("path_suffix"),
        (List<String>) m.get("allowed_entity_aliases"));
  }
}
