package dev.coffer.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mount's {@code config}: where the verification keys come from (exactly one of discovery, a
 * JWKS URL or static PEM keys), the issuer to require, the accepted algorithms, the default role
 * and the OAuth client of the OIDC browser flow. The client secret is stored (the server encrypts
 * the mount's storage) but never shown by {@link #toData()} nor put in any message.
 */
record JwtConfig(
    String oidcDiscoveryUrl,
    String oidcDiscoveryCaPem,
    String jwksUrl,
    String jwksCaPem,
    List<String> jwtValidationPubkeys,
    String boundIssuer,
    List<String> jwtSupportedAlgs,
    String defaultRole,
    String oidcClientId,
    String oidcClientSecret,
    String oidcResponseMode) {

  /** {@code oidc_response_mode} values: the code comes back in the query (default) or a form. */
  static final String MODE_QUERY = "query";

  static final String MODE_FORM_POST = "form_post";

  /** The asymmetric algorithms Coffer verifies; the default of {@code jwt_supported_algs}. */
  static final List<String> ASYMMETRIC_ALGS =
      List.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512");

  private static final Set<JWSAlgorithm> HMAC = JWSAlgorithm.Family.HMAC_SHA;

  JwtConfig {
    jwtValidationPubkeys = List.copyOf(jwtValidationPubkeys);
    jwtSupportedAlgs = List.copyOf(jwtSupportedAlgs);
  }

  /** The configuration a {@code POST config} describes; 400 naming the problem if it is invalid. */
  static JwtConfig from(Request r) {
    JwtConfig c =
        new JwtConfig(
            r.string("oidc_discovery_url", "").trim(),
            r.string("oidc_discovery_ca_pem", ""),
            r.string("jwks_url", "").trim(),
            r.string("jwks_ca_pem", ""),
            r.<String>list("jwt_validation_pubkeys").stream().filter(s -> !s.isBlank()).toList(),
            r.string("bound_issuer", "").trim(),
            r.<String>list("jwt_supported_algs"),
            r.string("default_role", "").trim(),
            r.string("oidc_client_id", "").trim(),
            r.string("oidc_client_secret", ""),
            r.string("oidc_response_mode", "").trim());
    c.validate();
    return c;
  }

  /** The algorithms tokens may be signed with: the configured ones, or every asymmetric one. */
  List<String> effectiveAlgs() {
    return jwtSupportedAlgs.isEmpty() ? ASYMMETRIC_ALGS : jwtSupportedAlgs;
  }

  /** Whether the OIDC browser flow (authorization code + PKCE) is configured. */
  boolean oidcFlow() {
    return !oidcClientId.isEmpty() && !oidcDiscoveryUrl.isEmpty();
  }

  private void validate() {
    int sources =
        (oidcDiscoveryUrl.isEmpty() ? 0 : 1)
            + (jwksUrl.isEmpty() ? 0 : 1)
            + (jwtValidationPubkeys.isEmpty() ? 0 : 1);
    if (sources != 1) {
      throw CofferException.invalid(
          "exactly one of 'jwt_validation_pubkeys', 'jwks_url' or 'oidc_discovery_url' must be"
              + " set");
    }
    if (!oidcDiscoveryCaPem.isBlank() && oidcDiscoveryUrl.isEmpty()) {
      throw CofferException.invalid("'oidc_discovery_ca_pem' requires 'oidc_discovery_url'");
    }
    if (!jwksCaPem.isBlank() && jwksUrl.isEmpty()) {
      throw CofferException.invalid("'jwks_ca_pem' requires 'jwks_url'");
    }
    if (oidcClientId.isEmpty() != oidcClientSecret.isEmpty()) {
      throw CofferException.invalid(
          "both 'oidc_client_id' and 'oidc_client_secret' must be set for OIDC");
    }
    if (!oidcClientId.isEmpty() && oidcDiscoveryUrl.isEmpty()) {
      throw CofferException.invalid("'oidc_discovery_url' must be set for OIDC");
    }
    if (!oidcResponseMode.isEmpty()
        && !oidcResponseMode.equals(MODE_QUERY)
        && !oidcResponseMode.equals(MODE_FORM_POST)) {
      throw CofferException.invalid(
          "invalid response_mode: \"" + oidcResponseMode + "\" (expected query or form_post)");
    }
    for (String alg : jwtSupportedAlgs) {
      JWSAlgorithm a = JWSAlgorithm.parse(alg);
      if (HMAC.contains(a)) {
        throw CofferException.invalid(
            "jwt_supported_algs: HMAC algorithm "
                + alg
                + " is not supported: tokens are verified with public keys only");
      }
      if (!ASYMMETRIC_ALGS.contains(alg)) {
        throw CofferException.invalid("jwt_supported_algs: unsupported algorithm \"" + alg + "\"");
      }
    }
  }

  /** The fields of {@code GET config}, as Vault shows them. */
  Map<String, Object> toData() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("oidc_discovery_url", oidcDiscoveryUrl);
    m.put("oidc_discovery_ca_pem", oidcDiscoveryCaPem);
    m.put("jwks_url", jwksUrl);
    m.put("jwks_ca_pem", jwksCaPem);
    m.put("jwt_validation_pubkeys", jwtValidationPubkeys);
    m.put("bound_issuer", boundIssuer);
    m.put("jwt_supported_algs", jwtSupportedAlgs);
    m.put("default_role", defaultRole);
    m.put("oidc_client_id", oidcClientId);
    m.put("oidc_response_mode", oidcResponseMode);
    m.put("oidc_response_types", List.of());
    m.put("provider_config", Map.of());
    m.put("namespace_in_state", false);
    return m;
  }

  /** What is stored: the fields of {@link #toData()} plus the client secret. */
  Map<String, Object> toStored() {
    Map<String, Object> m = toData();
    m.put("oidc_client_secret", oidcClientSecret);
    return m;
  }

  @Override
  public String toString() {
    // never the client secret
    return "JwtConfig[oidc_discovery_url="
        + oidcDiscoveryUrl
        + ", oidc_client_id="
        + oidcClientId
        + "]";
  }

  /** Reads what {@link #toStored()} wrote. */
  @SuppressWarnings("unchecked")
  static JwtConfig fromStored(Map<String, Object> m) {
    return new JwtConfig(
        (String) m.getOrDefault("oidc_discovery_url", ""),
        (String) m.getOrDefault("oidc_discovery_ca_pem", ""),
        (String) m.getOrDefault("jwks_url", ""),
        (String) m.getOrDefault("jwks_ca_pem", ""),
        (List<String>) m.getOrDefault("jwt_validation_pubkeys", List.of()),
        (String) m.getOrDefault("bound_issuer", ""),
        (List<String>) m.getOrDefault("jwt_supported_algs", List.of()),
        (String) m.getOrDefault("default_role", ""),
        (String) m.getOrDefault("oidc_client_id", ""),
        (String) m.getOrDefault("oidc_client_secret", ""),
        (String) m.getOrDefault("oidc_response_mode", ""));
  }
}
