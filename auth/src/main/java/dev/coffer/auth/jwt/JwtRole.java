package dev.coffer.auth.jwt;

import dev.coffer.spi.Cidrs;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code role/:name}: which tokens may log in through it (audiences, subject, bound claims),
 * what the login records (user claim, claim mappings) and the Coffer token it yields. Leeways are
 * seconds as Vault stores them: {@code 0} for the default, {@code -1} for none.
 */
record JwtRole(
    String roleType,
    List<String> boundAudiences,
    String boundSubject,
    Map<String, Object> boundClaims,
    String boundClaimsType,
    Map<String, String> claimMappings,
    String userClaim,
    boolean userClaimJsonPointer,
    String groupsClaim,
    List<String> allowedRedirectUris,
    List<String> oidcScopes,
    TokenSettings token,
    long clockSkewLeeway,
    long expirationLeeway,
    long notBeforeLeeway) {

  static final String TYPE_JWT = "jwt";
  static final String TYPE_OIDC = "oidc";
  static final String CLAIMS_STRING = "string";
  static final String CLAIMS_GLOB = "glob";

  /** The settings of the issued token ({@code token_*} fields). */
  record TokenSettings(
      List<String> policies,
      Duration ttl,
      Duration maxTtl,
      Duration period,
      long numUses,
      List<String> boundCidrs,
      boolean noDefaultPolicy,
      String type) {}

  private static final JwtRole DEFAULTS =
      new JwtRole(
          TYPE_JWT,
          List.of(),
          "",
          Map.of(),
          CLAIMS_STRING,
          Map.of(),
          "sub",
          false,
          "",
          List.of(),
          List.of(),
          new TokenSettings(
              List.of(),
              Duration.ZERO,
              Duration.ZERO,
              Duration.ZERO,
              0,
              List.of(),
              false,
              "default"),
          0,
          0,
          0);

  /** The clock skew leeway applied when the role says 0. */
  static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  /** The expiration and not-before leeways applied when the role says 0, as in Vault. */
  static final Duration DEFAULT_CLAIM_LEEWAY = Duration.ofSeconds(150);

  /**
   * The role a write describes: the fields given replace those of {@code existing} (or of the
   * defaults for a new role); 400 naming the problem if the result is invalid.
   */
  static JwtRole from(Request r, JwtRole existing) {
    JwtRole b = existing == null ? DEFAULTS : existing;
    TokenSettings t = b.token();
    List<String> policies =
        r.has("token_policies")
            ? r.list("token_policies")
            : r.has("policies") ? r.list("policies") : t.policies();
    List<String> cidrs =
        r.has("token_bound_cidrs")
            ? r.list("token_bound_cidrs")
            : r.has("bound_cidrs") ? r.list("bound_cidrs") : t.boundCidrs();
    TokenSettings token =
        new TokenSettings(
            policies.stream().map(String::trim).filter(p -> !p.isEmpty()).toList(),
            r.duration("token_ttl", r.duration("ttl", t.ttl())),
            r.duration("token_max_ttl", r.duration("max_ttl", t.maxTtl())),
            r.duration("token_period", r.duration("period", t.period())),
            r.integer("token_num_uses", t.numUses()),
            cidrs,
            r.bool("token_no_default_policy", t.noDefaultPolicy()),
            r.string("token_type", t.type()));
    JwtRole role =
        new JwtRole(
            r.string("role_type", b.roleType()).trim(),
            r.has("bound_audiences") ? r.list("bound_audiences") : b.boundAudiences(),
            r.string("bound_subject", b.boundSubject()),
            r.has("bound_claims") ? r.map("bound_claims") : b.boundClaims(),
            r.string("bound_claims_type", b.boundClaimsType()).trim(),
            r.has("claim_mappings") ? r.map("claim_mappings") : b.claimMappings(),
            r.string("user_claim", b.userClaim()).trim(),
            r.bool("user_claim_json_pointer", b.userClaimJsonPointer()),
            r.string("groups_claim", b.groupsClaim()).trim(),
            r.has("allowed_redirect_uris")
                ? r.list("allowed_redirect_uris")
                : b.allowedRedirectUris(),
            r.has("oidc_scopes")
                ? r.<String>list("oidc_scopes").stream()
                    .map(String::trim)
                    .filter(x -> !x.isEmpty())
                    .toList()
                : b.oidcScopes(),
            token,
            leeway(r, "clock_skew_leeway", b.clockSkewLeeway()),
            leeway(r, "expiration_leeway", b.expirationLeeway()),
            leeway(r, "not_before_leeway", b.notBeforeLeeway()));
    role.validate();
    return role;
  }

  /** This role with other bound audiences (the OIDC flow binds the client id by default). */
  JwtRole withBoundAudiences(List<String> audiences) {
    return new JwtRole(
        roleType,
        audiences,
        boundSubject,
        boundClaims,
        boundClaimsType,
        claimMappings,
        userClaim,
        userClaimJsonPointer,
        groupsClaim,
        allowedRedirectUris,
        oidcScopes,
        token,
        clockSkewLeeway,
        expirationLeeway,
        notBeforeLeeway);
  }

  /** The clock skew leeway to apply. */
  Duration clockSkew() {
    return effective(clockSkewLeeway, DEFAULT_CLOCK_SKEW);
  }

  /** The leeway after {@code exp}. */
  Duration expiration() {
    return effective(expirationLeeway, DEFAULT_CLAIM_LEEWAY);
  }

  /** The leeway before {@code nbf}. */
  Duration notBefore() {
    return effective(notBeforeLeeway, DEFAULT_CLAIM_LEEWAY);
  }

  private static Duration effective(long seconds, Duration fallback) {
    if (seconds < 0) {
      return Duration.ZERO;
    }
    return seconds == 0 ? fallback : Duration.ofSeconds(seconds);
  }

  private static long leeway(Request r, String field, long fallback) {
    Object v = r.data().get(field);
    if (v == null) {
      return fallback;
    }
    try {
      if (v instanceof Number n) {
        return check(field, n.longValue());
      }
      String s = v.toString().trim();
      if (s.isEmpty()) {
        return 0;
      }
      return check(field, s.equals("-1") ? -1 : dev.coffer.spi.Durations.parse(s).getSeconds());
    } catch (IllegalArgumentException e) {
      throw CofferException.invalid(
          "error converting input for field \"" + field + "\": expected seconds or a duration");
    }
  }

  private static long check(String field, long seconds) {
    if (seconds < -1) {
      throw CofferException.invalid("\"" + field + "\" must be -1, 0 or a positive duration");
    }
    return seconds;
  }

  private void validate() {
    if (!roleType.equals(TYPE_JWT) && !roleType.equals(TYPE_OIDC)) {
      throw CofferException.invalid("invalid 'role_type': " + roleType);
    }
    if (roleType.equals(TYPE_OIDC) && allowedRedirectUris.isEmpty()) {
      throw CofferException.invalid("'allowed_redirect_uris' must be set if 'role_type' is 'oidc'");
    }
    if (userClaim.isEmpty()) {
      throw CofferException.invalid("a user claim must be defined on the role");
    }
    if (!boundClaimsType.equals(CLAIMS_STRING) && !boundClaimsType.equals(CLAIMS_GLOB)) {
      throw CofferException.invalid(
          "invalid 'bound_claims_type': " + boundClaimsType + " (expected string or glob)");
    }
    for (Map.Entry<String, Object> e : boundClaims.entrySet()) {
      List<Object> values =
          e.getValue() instanceof List<?> l ? new ArrayList<>(l) : List.of(e.getValue());
      for (Object v : values) {
        boolean ok =
            boundClaimsType.equals(CLAIMS_GLOB)
                ? v instanceof String
                : v instanceof String || v instanceof Number || v instanceof Boolean;
        if (!ok) {
          throw CofferException.invalid(
              "bound claim \"" + e.getKey() + "\" is not a string or list of strings");
        }
      }
    }
    Set<String> targets = new HashSet<>();
    for (String target : claimMappings.values()) {
      if (!targets.add(target)) {
        throw CofferException.invalid(
            "multiple keys are mapped to metadata key \"" + target + "\"");
      }
    }
    for (String cidr : token.boundCidrs()) {
      Cidrs.validated(List.of(cidr));
    }
  }

  /** The fields of {@code GET role/:name}, as Vault shows them (durations in seconds). */
  Map<String, Object> toData() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role_type", roleType);
    m.put("bound_audiences", boundAudiences);
    m.put("bound_subject", boundSubject);
    m.put("bound_claims", boundClaims.isEmpty() ? null : boundClaims);
    m.put("bound_claims_type", boundClaimsType);
    m.put("claim_mappings", claimMappings.isEmpty() ? null : claimMappings);
    m.put("user_claim", userClaim);
    m.put("user_claim_json_pointer", userClaimJsonPointer);
    m.put("groups_claim", groupsClaim);
    m.put("allowed_redirect_uris", allowedRedirectUris);
    m.put("oidc_scopes", oidcScopes);
    m.put("verbose_oidc_logging", false);
    m.put("clock_skew_leeway", clockSkewLeeway);
    m.put("expiration_leeway", expirationLeeway);
    m.put("not_before_leeway", notBeforeLeeway);
    m.put("token_policies", token.policies());
    m.put("policies", token.policies());
    m.put("token_ttl", token.ttl().getSeconds());
    m.put("ttl", token.ttl().getSeconds());
    m.put("token_max_ttl", token.maxTtl().getSeconds());
    m.put("max_ttl", token.maxTtl().getSeconds());
    m.put("token_period", token.period().getSeconds());
    m.put("period", token.period().getSeconds());
    m.put("token_num_uses", token.numUses());
    m.put("token_bound_cidrs", token.boundCidrs());
    m.put("bound_cidrs", token.boundCidrs());
    m.put("token_no_default_policy", token.noDefaultPolicy());
    m.put("token_type", token.type());
    m.put("token_explicit_max_ttl", 0);
    return m;
  }

  /** What is stored: the fields of {@link #toData()}. */
  Map<String, Object> toStored() {
    return toData();
  }

  /** Reads what {@link #toStored()} wrote. */
  @SuppressWarnings("unchecked")
  static JwtRole fromStored(Map<String, Object> m) {
    return new JwtRole(
        (String) m.get("role_type"),
        (List<String>) m.get("bound_audiences"),
        (String) m.get("bound_subject"),
        m.get("bound_claims") == null ? Map.of() : (Map<String, Object>) m.get("bound_claims"),
        (String) m.get("bound_claims_type"),
        m.get("claim_mappings") == null ? Map.of() : (Map<String, String>) m.get("claim_mappings"),
        (String) m.get("user_claim"),
        (Boolean) m.get("user_claim_json_pointer"),
        (String) m.get("groups_claim"),
        (List<String>) m.get("allowed_redirect_uris"),
        (List<String>) m.getOrDefault("oidc_scopes", List.of()),
        new TokenSettings(
            (List<String>) m.get("token_policies"),
            Duration.ofSeconds(((Number) m.get("token_ttl")).longValue()),
            Duration.ofSeconds(((Number) m.get("token_max_ttl")).longValue()),
            Duration.ofSeconds(((Number) m.get("token_period")).longValue()),
            ((Number) m.get("token_num_uses")).longValue(),
            (List<String>) m.get("token_bound_cidrs"),
            (Boolean) m.get("token_no_default_policy"),
            (String) m.get("token_type")),
        ((Number) m.get("clock_skew_leeway")).longValue(),
        ((Number) m.get("expiration_leeway")).longValue(),
        ((Number) m.get("not_before_leeway")).longValue());
  }
}
