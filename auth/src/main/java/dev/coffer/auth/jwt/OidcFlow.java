package dev.coffer.auth.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.coffer.spi.Cidrs;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The operator's browser login (OIDC authorization code flow with PKCE) of {@code role_type=oidc}
 * roles. {@code oidc/auth_url} checks the role and redirect URI, remembers a fresh state, nonce and
 * PKCE verifier in {@link OidcStates} and answers the provider's authorization URL; {@code
 * oidc/callback} consumes the state, exchanges the code at the token endpoint ({@link
 * TokenEndpoint}), verifies the ID token (signature with the discovered JWKS, issuer, times,
 * audience = the client id or the role's {@code bound_audiences}, and the nonce) and logs in like
 * {@code login} does ({@link RoleLogin}). No message contains the code, the client secret or a
 * token.
 */
final class OidcFlow {
  static final String NOT_CONFIGURED = "OIDC login is not configured for this mount";
  static final String MISSING_REDIRECT = "missing redirect_uri";
  static final String JWT_ROLE = "role with jwt role_type is not allowed";
  static final String UNAUTHORIZED_REDIRECT = "unauthorized redirect_uri: ";
  static final String EXPIRED_STATE = "Vault login failed. Expired or missing OAuth state.";
  static final String INVALID_CLIENT_NONCE = "invalid client_nonce";
  static final String ROLE_GONE = "Vault login failed. Role could not be found.";
  static final String NO_CODE = "Vault login failed. No code or id_token received.";
  static final String INVALID_NONCE = "error validating token: invalid nonce claim";
  static final String NOT_FOR_CLIENT =
      "error validating token: invalid audience (aud) claim: the ID token was not issued for"
          + " this client";
  static final String TOO_MANY = "too many OIDC logins in progress; try again later";

  private final JwtStore store;
  private final Supplier<JwtAuthMethod.Verification> verification;
  private final OidcStates states;
  private final Clock clock;

  OidcFlow(
      JwtStore store,
      Supplier<JwtAuthMethod.Verification> verification,
      OidcStates states,
      Clock clock) {
    this.store = store;
    this.verification = verification;
    this.states = states;
    this.clock = clock;
  }

  /** {@code POST oidc/auth_url {role, redirect_uri, client_nonce}} → {@code {auth_url}}. */
  Response authUrl(Request r) {
    JwtAuthMethod.Verification v = verification.get();
    JwtConfig config = v.config();
    if (!config.oidcFlow()) {
      throw CofferException.invalid(NOT_CONFIGURED);
    }
    String roleName = r.string("role", "").trim();
    if (roleName.isEmpty()) {
      roleName = config.defaultRole();
    }
    if (roleName.isEmpty()) {
      throw CofferException.invalid(JwtAuthMethod.MISSING_ROLE);
    }
    String redirectUri = r.string("redirect_uri", "").trim();
    if (redirectUri.isEmpty()) {
      throw CofferException.invalid(MISSING_REDIRECT);
    }
    String name = roleName;
    JwtRole role =
        store
            .role(name)
            .orElseThrow(() -> CofferException.invalid("role \"" + name + "\" could not be found"));
    if (!JwtRole.TYPE_OIDC.equals(role.roleType())) {
      throw CofferException.invalid(JWT_ROLE);
    }
    if (!RedirectUris.allowed(redirectUri, role.allowedRedirectUris())) {
      throw CofferException.invalid(UNAUTHORIZED_REDIRECT + redirectUri);
    }
    ProviderMetadata provider = discovery(v).metadata();
    if (provider.authorizationEndpoint().isEmpty()) {
      throw new CofferException(
          ErrorCode.UPSTREAM_FAILURE,
          "the identity provider's discovery document names no authorization_endpoint");
    }
    Map.Entry<String, OidcStates.Pending> started =
        states.start(name, redirectUri, r.string("client_nonce", ""));
    if (started == null) {
      throw new CofferException(ErrorCode.RATE_LIMITED, TOO_MANY);
    }
    OidcStates.Pending p = started.getValue();
    Set<String> scopes = new LinkedHashSet<>();
    scopes.add("openid");
    scopes.addAll(role.oidcScopes());
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", config.oidcClientId());
    query.put("redirect_uri", redirectUri);
    query.put("response_type", "code");
    query.put("scope", String.join(" ", scopes));
    query.put("state", started.getKey());
    query.put("nonce", p.nonce());
    query.put("code_challenge", OidcStates.challenge(p.codeVerifier()));
    query.put("code_challenge_method", "S256");
    if (JwtConfig.MODE_FORM_POST.equals(config.oidcResponseMode())) {
      query.put("response_mode", JwtConfig.MODE_FORM_POST);
    }
    String endpoint = provider.authorizationEndpoint();
    String url = endpoint + (endpoint.contains("?") ? "&" : "?") + TokenEndpoint.formBody(query);
    return Response.of(Map.of("auth_url", url));
  }

  /** {@code GET|POST oidc/callback {state, code, client_nonce}} → a login. */
  Response callback(Request r) {
    OidcStates.Pending p =
        states
            .consume(r.string("state", ""))
            .orElseThrow(() -> CofferException.invalid(EXPIRED_STATE));
    if (!p.clientNonce().isEmpty()
        && !OidcStates.same(p.clientNonce(), r.string("client_nonce", ""))) {
      throw CofferException.invalid(INVALID_CLIENT_NONCE);
    }
    JwtAuthMethod.Verification v = verification.get();
    JwtConfig config = v.config();
    if (!config.oidcFlow()) {
      throw CofferException.invalid(NOT_CONFIGURED);
    }
    JwtRole role = store.role(p.role()).orElseThrow(() -> CofferException.invalid(ROLE_GONE));
    if (!JwtRole.TYPE_OIDC.equals(role.roleType())) {
      throw CofferException.invalid(JWT_ROLE);
    }
    if (!Cidrs.allows(role.token().boundCidrs(), r.client().remoteAddress())) {
      throw new CofferException(ErrorCode.PERMISSION_DENIED, JwtAuthMethod.INVALID_CIDR);
    }
    String code = r.string("code", "");
    if (code.isEmpty()) {
      throw CofferException.invalid(NO_CODE);
    }
    DiscoveryKeySource provider = discovery(v);
    String idToken =
        TokenEndpoint.exchange(
            provider.fetcher(),
            provider.metadata(),
            config.oidcClientId(),
            config.oidcClientSecret(),
            code,
            p.redirectUri(),
            p.codeVerifier());
    JWTClaimsSet claims = TokenVerifier.verify(idToken, config.effectiveAlgs(), provider);
    checkIdToken(claims, config, role, provider, p.nonce());
    Map<String, Object> all = new LinkedHashMap<>(claims.getClaims());
    all.remove("nonce");
    return Response.ofLogin(RoleLogin.of(p.role(), role, all));
  }

  private void checkIdToken(
      JWTClaimsSet claims,
      JwtConfig config,
      JwtRole role,
      DiscoveryKeySource provider,
      String nonce) {
    String clientId = config.oidcClientId();
    String issuer =
        config.boundIssuer().isEmpty() ? provider.discoveredIssuer() : config.boundIssuer();
    JwtRole audiences =
        role.boundAudiences().isEmpty() ? role.withBoundAudiences(List.of(clientId)) : role;
    ClaimValidator.checkRegistered(claims, issuer, audiences, clock.instant());
    List<String> aud = claims.getAudience();
    if (!aud.contains(clientId)) {
      throw CofferException.invalid(NOT_FOR_CLIENT);
    }
    Object azp = claims.getClaim("azp");
    if (aud.size() > 1 && azp != null && !clientId.equals(azp)) {
      throw CofferException.invalid(NOT_FOR_CLIENT);
    }
    Object tokenNonce = claims.getClaim("nonce");
    if (!(tokenNonce instanceof String s) || !OidcStates.same(s, nonce)) {
      throw CofferException.invalid(INVALID_NONCE);
    }
  }

  private static DiscoveryKeySource discovery(JwtAuthMethod.Verification v) {
    if (v.keys() instanceof DiscoveryKeySource d) {
      return d;
    }
    throw CofferException.invalid(NOT_CONFIGURED);
  }
}
